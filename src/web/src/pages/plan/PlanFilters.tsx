import { useEffect, useId, useRef, useState } from 'react';
import type { TaskStatus } from '../../api/types';
import { isFiltering, noFilter, type AssigneeFilter, type DueFilter } from '../../plans/filters';
import type { PlanView } from './usePlanView';

const SEARCH_PAUSE_MS = 150;

/**
 * Search within the plan and the filters. The search box keeps its own text and hands it to the board after a
 * short pause in typing, so the board is filtered once per pause rather than re-rendered per keystroke.
 */
export function PlanFilters({ view, shown, total }: { view: PlanView; shown: number; total: number }) {
  const id = useId();
  const [text, setText] = useState(view.filter.search);
  const [open, setOpen] = useState(false);
  const { filter, setFilter } = view;
  const latest = useRef(setFilter);
  useEffect(() => {
    latest.current = setFilter;
  });
  useEffect(() => {
    const timer = setTimeout(() => latest.current((f) => (f.search === text ? f : { ...f, search: text })), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const active = isFiltering({ ...filter, search: text });

  return (
    <div className="plan-filters card" role="search" aria-label="Tasks in this plan">
      <div className="plan-filters__row">
        <label htmlFor={`${id}-search`} className="visually-hidden">Search tasks</label>
        <input id={`${id}-search`} type="search" className="plan-filters__search" data-plan-search value={text}
          placeholder="Search tasks  ( / )" onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && text !== '') {
              event.stopPropagation();
              setText('');
            }
          }} />
        <button type="button" className="button" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen(!open)}>
          Filters{active ? ' •' : ''}
        </button>
        <label className="check-row">
          <input type="checkbox" checked={filter.hideCompleted}
            onChange={(event) => setFilter((f) => ({ ...f, hideCompleted: event.target.checked }))} />
          <span>Hide completed</span>
        </label>
        <label className="check-row">
          <input type="checkbox" checked={view.compact} onChange={(event) => view.setCompact(event.target.checked)} />
          <span>Compact</span>
        </label>
      </div>
      {open && (
        <div id={`${id}-panel`} className="plan-filters__row">
          <div className="field">
            <label htmlFor={`${id}-status`}>Status</label>
            <select id={`${id}-status`} value={filter.status}
              onChange={(event) => setFilter((f) => ({ ...f, status: event.target.value as 'all' | TaskStatus }))}>
              <option value="all">Any status</option>
              <option value="notStarted">Not started</option>
              <option value="inProgress">In progress</option>
              <option value="completed">Completed</option>
              <option value="skipped">Skipped</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-assignee`}>Assignee</label>
            <select id={`${id}-assignee`} value={filter.assignee}
              onChange={(event) => setFilter((f) => ({ ...f, assignee: event.target.value as AssigneeFilter }))}>
              <option value="all">Anyone</option>
              <option value="me">Me</option>
              <option value="nobody">Nobody</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-due`}>Due</label>
            <select id={`${id}-due`} value={filter.due}
              onChange={(event) => setFilter((f) => ({ ...f, due: event.target.value as DueFilter }))}>
              <option value="all">Any time</option>
              <option value="overdue">Overdue</option>
              <option value="week">This week</option>
            </select>
          </div>
          {active && (
            <button type="button" className="button button--quiet" onClick={() => {
              setText('');
              setFilter(noFilter);
            }}>
              Clear filters
            </button>
          )}
        </div>
      )}
      <p className="small muted" aria-live="polite">
        {active ? `Showing ${shown} of ${total} tasks` : ''}
      </p>
    </div>
  );
}

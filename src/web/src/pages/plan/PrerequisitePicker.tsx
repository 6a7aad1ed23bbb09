import { useDeferredValue, useId, useMemo, useState } from 'react';
import type { Task } from '../../api/types';
import { allTasks, dependentsOf, findTask } from '../../plans/derive';
import { usePlanContext } from './PlanActionsContext';
import { statusLabels } from './TaskItem';

const MAX_MATCHES = 8;

/**
 * What a task waits for, inside the task view: each prerequisite with a button to stop waiting for it, and a
 * search to add one. Tasks that already wait for this one (directly or not) are left out, since linking them
 * would make a cycle. A link shows once the server has it; a refusal is a toast with Retry.
 */
export function Prerequisites({ task }: { task: Task }) {
  const { plan, canEdit, actions } = usePlanContext();
  const [search, setSearch] = useState('');
  const [busy, setBusy] = useState(false);
  const query = useDeferredValue(search.trim().toLowerCase());
  const searchId = useId();
  const waits = task.prerequisiteIds.map((id) => findTask(plan, id)).filter((t): t is Task => t !== undefined);
  const phaseName = useMemo(() => new Map(plan.phases.map((p) => [p.id, p.name])), [plan.phases]);
  const matches = useMemo(() => {
    if (query === '') return [];
    const excluded = dependentsOf(plan, task.id);
    return allTasks(plan)
      .filter((t) => t.id !== task.id && !task.prerequisiteIds.includes(t.id) && !excluded.has(t.id))
      .filter((t) => t.title.toLowerCase().includes(query));
  }, [plan, task.id, task.prerequisiteIds, query]);

  const link = async (prerequisiteId: number, on: boolean) => {
    setBusy(true);
    const done = await actions.setDependency(task.id, prerequisiteId, on);
    setBusy(false);
    if (done && on) setSearch('');
  };

  return (
    <section aria-labelledby={`${searchId}-title`}>
      <h3 id={`${searchId}-title`} className="section-title">Waits for</h3>
      {waits.length === 0 ? <p className="small muted">Nothing: this task can start any time.</p> : (
        <ul className="task-view__prerequisites">
          {waits.map((t) => (
            <li key={t.id}>
              <span>{t.title} <span className="small muted">({statusLabels[t.status]})</span></span>
              {canEdit && (
                <button type="button" className="button button--quiet" disabled={busy} onClick={() => void link(t.id, false)}>
                  Remove<span className="visually-hidden"> “{t.title}” from what this task waits for</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <div className="prerequisite-picker">
          <div className="field">
            <label htmlFor={searchId}>Add a task it waits for</label>
            <input id={searchId} type="search" value={search} placeholder="Type part of a title" autoComplete="off"
              aria-describedby={`${searchId}-count`} onChange={(event) => setSearch(event.target.value)} />
          </div>
          <p id={`${searchId}-count`} className="small muted" aria-live="polite">
            {query === '' ? '' : matches.length === 0 ? 'No task matches (tasks that wait for this one are left out).'
              : `${matches.length} ${matches.length === 1 ? 'task matches' : 'tasks match'}${matches.length > MAX_MATCHES ? `; the first ${MAX_MATCHES} are shown` : ''}.`}
          </p>
          {matches.length > 0 && (
            <ul className="prerequisite-picker__matches" aria-label="Matching tasks">
              {matches.slice(0, MAX_MATCHES).map((t) => (
                <li key={t.id}>
                  <button type="button" className="button button--quiet prerequisite-picker__match" disabled={busy}
                    onClick={() => void link(t.id, true)}>
                    <span>Add “{t.title}”</span>
                    <span className="small muted"> in {phaseName.get(t.phaseId)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

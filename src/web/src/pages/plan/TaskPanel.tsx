import { useId, useMemo, useState, type FormEvent } from 'react';
import type { Task, TaskStatus } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { findTask } from '../../plans/derive';
import { describeHistory, formerTitles } from '../../plans/describeHistory';
import { usePlanMembers, useTaskHistory } from '../../plans/queries';
import { diffFields, fieldsOf, resolveConflict, safeHref, type Choice, type TaskFields } from '../../plans/taskForm';
import { usePlanContext } from './PlanActionsContext';
import { PlanToasts } from './PlanToasts';
import { Prerequisites } from './PrerequisitePicker';
import { statusLabels } from './TaskItem';
import { closeTask, useOpenTaskId } from './taskUrl';

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const fieldNames: Record<string, string> = {
  title: 'Title', status: 'Status', assigneeId: 'Assignee', dueDate: 'Due date', estimatedTime: 'Estimate',
  resources: 'Resources', description: 'Description',
};

/**
 * The open task (?task=id): a side panel on a wide screen, the whole screen on a phone. A modal dialog either way,
 * so focus stays inside and returns to the title that opened it; Back (the URL) or Escape closes it.
 */
export function TaskPanel() {
  const { plan } = usePlanContext();
  const taskId = useOpenTaskId();
  const task = taskId === null ? undefined : findTask(plan, taskId);
  if (!task) return null;
  return (
    <Dialog title={task.title} onClose={closeTask} className="dialog--panel">
      <TaskView task={task} />
      <PlanToasts />
    </Dialog>
  );
}

function TaskView({ task }: { task: Task }) {
  const { canEdit, actions } = usePlanContext();
  // A fresh form after each save (or resolved conflict): it starts from the task as now drawn.
  const [generation, setGeneration] = useState(0);
  return (
    <div className="task-view stack">
      <button type="button" className="button button--quiet task-view__close" onClick={closeTask}>
        ← Back to the plan
      </button>
      {canEdit ? (
        <TaskForm key={`${task.id}-${generation}`} task={task} onSaved={() => setGeneration((g) => g + 1)} />
      ) : (
        <ReadOnlyTask task={task} />
      )}
      <Resources task={task} />
      <Prerequisites task={task} />
      {actions.failures.get(task.id) && (
        <p className="alert alert--error small">{actions.failures.get(task.id)!.text}</p>
      )}
      <TaskHistory task={task} />
    </div>
  );
}

function ReadOnlyTask({ task }: { task: Task }) {
  return (
    <dl className="task-view__facts">
      <dt>Status</dt>
      <dd>{statusLabels[task.status]}</dd>
      {task.dueDate && (<><dt>Due</dt><dd>{task.dueDate}</dd></>)}
      {task.estimatedTime && (<><dt>Estimate</dt><dd>{task.estimatedTime}</dd></>)}
      {task.description && (<><dt>Description</dt><dd>{task.description}</dd></>)}
    </dl>
  );
}

function TaskForm({ task, onSaved }: { task: Task; onSaved: () => void }) {
  const { plan, actions } = usePlanContext();
  const id = useId();
  const members = usePlanMembers(plan.id);
  const [start] = useState<TaskFields>(() => fieldsOf(task));
  const [fields, setFields] = useState<TaskFields>(start);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const set = <K extends keyof TaskFields>(key: K, value: TaskFields[K]) => setFields((f) => ({ ...f, [key]: value }));
  const conflict = actions.conflict?.taskId === task.id ? actions.conflict : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { patch, base } = diffFields(start, { ...fields, title: fields.title.trim() || start.title });
    if (Object.keys(patch).length === 0) return;
    actions.saveTask(task, patch, base);
    onSaved();
  };

  const resolve = () => {
    if (!conflict) return;
    const next = resolveConflict(conflict.patch, conflict.base, conflict.current, conflict.conflicts, choices);
    actions.closeConflict();
    if (Object.keys(next.patch).length > 0) actions.saveTask(task, next.patch, next.base);
    onSaved();
  };

  const shown = (field: string, value: unknown): string => {
    if (field === 'assigneeId') {
      return members.data?.find((m) => m.userId === value)?.displayName ?? (typeof value === 'number' ? `User ${value}` : 'Nobody');
    }
    if (field === 'status') return statusLabels[value as TaskStatus];
    if (Array.isArray(value)) return value.join(', ') || '(none)';
    return typeof value === 'string' && value !== '' ? value : '(empty)';
  };

  return (
    <form className="stack" onSubmit={submit} aria-label={`Edit ${task.title}`}>
      {conflict && (
        <div className="alert alert--error conflict stack" role="alert">
          <p>Someone else changed this task while you were editing. Choose which version to keep:</p>
          {conflict.conflicts.map((field) => (
            <fieldset key={field} className="conflict__field">
              <legend>{fieldNames[field] ?? field}</legend>
              <label className="check-row">
                <input type="radio" name={`${id}-${field}`} checked={(choices[field] ?? 'mine') === 'mine'}
                  onChange={() => setChoices((c) => ({ ...c, [field]: 'mine' }))} />
                <span>Keep mine: {shown(field, (conflict.patch as Record<string, unknown>)[field])}</span>
              </label>
              <label className="check-row">
                <input type="radio" name={`${id}-${field}`} checked={choices[field] === 'theirs'}
                  onChange={() => setChoices((c) => ({ ...c, [field]: 'theirs' }))} />
                <span>Take theirs: {shown(field, (conflict.current as unknown as Record<string, unknown>)[field])}</span>
              </label>
            </fieldset>
          ))}
          <p className="small">Your other changes are kept.</p>
          <div className="inline-form">
            <button type="button" className="button button--primary" onClick={resolve}>Save with these choices</button>
            <button type="button" className="button" onClick={() => { actions.closeConflict(); onSaved(); }}>Discard my changes</button>
          </div>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input id={`${id}-title`} value={fields.title} onChange={(e) => set('title', e.target.value)} maxLength={200} required />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select id={`${id}-status`} value={fields.status} onChange={(e) => set('status', e.target.value as TaskStatus)}>
            {Object.entries(statusLabels).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-assignee`}>Assignee</label>
          <select id={`${id}-assignee`} value={fields.assigneeId ?? ''}
            onChange={(e) => set('assigneeId', e.target.value === '' ? null : Number(e.target.value))}>
            <option value="">Nobody</option>
            {members.data?.map((m) => <option key={m.userId} value={m.userId}>{m.displayName}</option>)}
          </select>
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-due`}>Due date</label>
          <input id={`${id}-due`} type="date" value={fields.dueDate ?? ''} onChange={(e) => set('dueDate', e.target.value || null)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-estimate`}>Estimate</label>
          <input id={`${id}-estimate`} value={fields.estimatedTime ?? ''} placeholder="e.g. 2 days" maxLength={100}
            onChange={(e) => set('estimatedTime', e.target.value || null)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea id={`${id}-description`} value={fields.description} rows={4} maxLength={5000}
          onChange={(e) => set('description', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-resources`}>Resources (one link per line)</label>
        <textarea id={`${id}-resources`} value={fields.resources.join('\n')} rows={2}
          onChange={(e) => set('resources', e.target.value.split('\n').map((r) => r.trim()).filter((r, i, all) => r !== '' || i === all.length - 1))} />
      </div>
      <div className="inline-form">
        <button type="submit" className="button button--primary">Save</button>
      </div>
    </form>
  );
}

function Resources({ task }: { task: Task }) {
  const links = task.resources.filter((r) => r.trim() !== '');
  if (links.length === 0) return null;
  return (
    <section aria-label="Resources">
      <h3 className="section-title">Resources</h3>
      <ul className="task-view__resources">
        {links.map((resource) => {
          const href = safeHref(resource);
          return (
            <li key={resource}>
              {href ? <a href={href} target="_blank" rel="noopener noreferrer">{resource}</a> : <span>{resource}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function TaskHistory({ task }: { task: Task }) {
  const { plan } = usePlanContext();
  const history = useTaskHistory(plan.id, task.id, plan.version);
  const members = usePlanMembers(plan.id);
  const former = useMemo(() => formerTitles(history.data ?? []), [history.data]);
  const entries = history.data ?? [];
  const who = (userId: number) => members.data?.find((m) => m.userId === userId)?.displayName ?? `User ${userId}`;
  return (
    <section aria-label="Task history">
      <h3 className="section-title">History</h3>
      {entries.length === 0 ? <p className="small muted">No changes to this task yet.</p> : (
        <ol className="history__list">
          {entries.map((entry) => (
            <li key={entry.id}>
              <span><strong>{who(entry.userId)}</strong> {describeHistory(entry, plan, former)}</span>
              <time className="small muted history__time" dateTime={entry.timestamp}>{time.format(new Date(entry.timestamp))}</time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

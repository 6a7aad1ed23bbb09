import { useId, useState, type FormEvent } from 'react';
import type { Task, TaskPatch } from '../../api/types';
import { usePlanContext } from './PlanActionsContext';

/** Inline edit of a task's title, description, estimate and due date; only changed fields are sent. */
export function TaskEditForm({ task, onDone }: { task: Task; onDone: () => void }) {
  const { actions } = usePlanContext();
  const id = useId();
  const [title, setTitle] = useState(task.title);
  const [description, setDescription] = useState(task.description);
  const [estimate, setEstimate] = useState(task.estimatedTime ?? '');
  const [due, setDue] = useState(task.dueDate ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const patch: TaskPatch = {};
    if (title.trim() !== task.title) patch.title = title.trim();
    if (description.trim() !== task.description) patch.description = description.trim();
    if ((estimate.trim() || null) !== task.estimatedTime) patch.estimatedTime = estimate.trim() || null;
    if ((due || null) !== task.dueDate) patch.dueDate = due || null;
    if (Object.keys(patch).length > 0) actions.saveTask(task, patch);
    onDone();
  };

  return (
    <form className="task-edit stack" onSubmit={submit} aria-label={`Edit ${task.title}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onDone();
        }
      }}>
      <div className="field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input id={`${id}-title`} value={title} onChange={(event) => setTitle(event.target.value)} maxLength={200}
          required autoFocus />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea id={`${id}-description`} value={description} onChange={(event) => setDescription(event.target.value)}
          maxLength={5000} rows={3} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-estimate`}>Estimate</label>
          <input id={`${id}-estimate`} value={estimate} onChange={(event) => setEstimate(event.target.value)}
            placeholder="e.g. 2 days" maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>Due date</label>
          <input id={`${id}-due`} type="date" value={due} onChange={(event) => setDue(event.target.value)} />
        </div>
      </div>
      <div className="inline-form">
        <button type="submit" className="button button--primary">
          Save
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

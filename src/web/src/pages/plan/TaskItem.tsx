import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useState } from 'react';
import type { Task } from '../../api/types';
import { Menu, type MenuItem } from '../../components/Menu';
import { findTask } from '../../plans/derive';
import { usePlanMembers } from '../../plans/queries';
import { usePlanContext } from './PlanActionsContext';
import { TaskEditForm } from './TaskEditForm';
import { openTask } from './taskUrl';

export const statusLabels = { notStarted: 'Not started', inProgress: 'In progress', completed: 'Completed', skipped: 'Skipped' };
export const dueFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function TaskItem({ task }: { task: Task }) {
  const { plan, canEdit, actions, savingTaskIds } = usePlanContext();
  const [editing, setEditing] = useState(false);
  // Taken apart: the React Compiler's lint takes an object holding ref callbacks for a ref, and its other fields with it.
  const { setNodeRef, setActivatorNodeRef, attributes, listeners, transform, transition, isDragging } =
    useSortable({ id: task.id, disabled: !canEdit || editing });
  const style = { transform: CSS.Translate.toString(transform), transition };
  const checkboxId = `task-${task.id}`;
  const errorId = `task-${task.id}-error`;
  const waitsFor = task.prerequisiteIds.map((id) => findTask(plan, id)?.title).filter(Boolean);
  const saving = savingTaskIds.has(task.id);
  const failure = actions.failures.get(task.id);

  const items: MenuItem[] = [
    { label: 'Open', onSelect: () => openTask(task.id) },
    { label: 'Edit', onSelect: () => setEditing(true) },
    task.status === 'inProgress'
      ? { label: 'Mark not started', onSelect: () => actions.setStatus(task, 'notStarted') }
      : { label: 'Mark in progress', onSelect: () => actions.setStatus(task, 'inProgress') },
    task.status === 'skipped'
      ? { label: 'Unskip', onSelect: () => actions.setStatus(task, 'notStarted') }
      : { label: 'Skip', onSelect: () => actions.setStatus(task, 'skipped') },
    { label: 'Move to…', onSelect: () => actions.openDialog({ kind: 'move', taskId: task.id }) },
    { label: 'Dependencies…', onSelect: () => actions.openDialog({ kind: 'dependencies', taskId: task.id }) },
    { label: 'Delete', onSelect: () => actions.deleteTask(task), danger: true },
  ];

  return (
    <li ref={setNodeRef} style={style} data-task-id={task.id} aria-busy={saving || undefined}
      className={`task task--${task.status}${isDragging ? ' task--dragging' : ''}${saving ? ' task--saving' : ''}${failure ? ' task--failed' : ''}`}>
      {canEdit && (
        <button type="button" ref={setActivatorNodeRef} className="drag-handle" {...attributes}
          {...listeners} aria-label={`Reorder ${task.title}`}>
          <span aria-hidden="true">⠿</span>
        </button>
      )}
      {editing && canEdit ? (
        <TaskEditForm task={task} onDone={() => setEditing(false)} />
      ) : (
        <div className="task__main">
          <div className="task__line">
            {/* Only the box completes: its label is a 44 px target around it, the title beside it opens the task. */}
            <label className="task__check-target" htmlFor={checkboxId}>
              <input id={checkboxId} type="checkbox" className="task__check" checked={task.status === 'completed'}
                disabled={!canEdit} aria-label={task.title} aria-describedby={failure ? errorId : undefined}
                onChange={(event) => actions.toggleComplete(task, event.target.checked)} />
            </label>
            <button type="button" className="task__title" data-task-title={task.id} aria-haspopup="dialog"
              onClick={() => openTask(task.id)}>
              {task.title}
            </button>
            {saving && <span className="task__saving small muted">Saving…</span>}
          </div>
          <div className="task__badges">
            {(task.status === 'inProgress' || task.status === 'skipped') && (
              <span className={`badge badge--${task.status}`}>{statusLabels[task.status]}</span>
            )}
            {task.blocked && <span className="badge badge--blocked">Blocked</span>}
            {task.estimatedTime && <span className="chip">{task.estimatedTime}</span>}
            {task.dueDate && <span className="chip">Due {dueFormat.format(new Date(`${task.dueDate}T00:00:00Z`))}</span>}
            {task.assigneeId !== null && <Assignee planId={plan.id} userId={task.assigneeId} />}
          </div>
          {task.description && <p className="task__description small muted">{task.description}</p>}
          {waitsFor.length > 0 && <p className="task__waits small">Waits for: {waitsFor.join(', ')}</p>}
          {failure && (
            <div className="task__error small" role="alert">
              <span id={errorId}>{failure.text}</span>{' '}
              <button type="button" className="button button--quiet button--small" onClick={() => actions.retry(failure.op)}>
                Retry
              </button>
            </div>
          )}
        </div>
      )}
      {canEdit && !editing && (
        <Menu label={`Actions for ${task.title}`} items={items} className="task__menu">
          <span aria-hidden="true">⋯</span>
        </Menu>
      )}
    </li>
  );
}

/** Who the task is assigned to, by name (the member list is one cached query for the whole plan). */
function Assignee({ planId, userId }: { planId: number; userId: number }) {
  const members = usePlanMembers(planId);
  const name = members.data?.find((m) => m.userId === userId)?.displayName;
  return <span className="chip">{name ? `Assigned: ${name}` : 'Assigned'}</span>;
}

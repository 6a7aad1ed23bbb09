import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useState } from 'react';
import type { Task } from '../../api/types';
import { Menu, type MenuItem } from '../../components/Menu';
import { findTask } from '../../plans/derive';
import { usePlanContext } from './PlanActionsContext';
import { TaskEditForm } from './TaskEditForm';

const statusLabels = { notStarted: 'Not started', inProgress: 'In progress', completed: 'Completed', skipped: 'Skipped' };
const dueFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function TaskItem({ task }: { task: Task }) {
  const { plan, canEdit, actions } = usePlanContext();
  const [editing, setEditing] = useState(false);
  // Taken apart: the React Compiler's lint takes an object holding ref callbacks for a ref, and its other fields with it.
  const { setNodeRef, setActivatorNodeRef, attributes, listeners, transform, transition, isDragging } =
    useSortable({ id: task.id, disabled: !canEdit || editing });
  const style = { transform: CSS.Translate.toString(transform), transition };
  const checkboxId = `task-${task.id}`;
  const waitsFor = task.prerequisiteIds.map((id) => findTask(plan, id)?.title).filter(Boolean);

  const items: MenuItem[] = [
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
    <li ref={setNodeRef} style={style} data-task-id={task.id}
      className={`task task--${task.status}${isDragging ? ' task--dragging' : ''}`}>
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
            <input id={checkboxId} type="checkbox" className="task__check" checked={task.status === 'completed'}
              disabled={!canEdit} onChange={(event) => actions.toggleComplete(task, event.target.checked)} />
            <label htmlFor={checkboxId} className="task__title">
              {task.title}
            </label>
          </div>
          <div className="task__badges">
            {(task.status === 'inProgress' || task.status === 'skipped') && (
              <span className={`badge badge--${task.status}`}>{statusLabels[task.status]}</span>
            )}
            {task.blocked && <span className="badge badge--blocked">Blocked</span>}
            {task.estimatedTime && <span className="chip">{task.estimatedTime}</span>}
            {task.dueDate && <span className="chip">Due {dueFormat.format(new Date(`${task.dueDate}T00:00:00Z`))}</span>}
          </div>
          {task.description && <p className="task__description small muted">{task.description}</p>}
          {waitsFor.length > 0 && <p className="task__waits small">Waits for: {waitsFor.join(', ')}</p>}
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

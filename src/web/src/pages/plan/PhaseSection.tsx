import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { Phase, Task } from '../../api/types';
import { ProgressBar, progressSummary } from '../../components/ProgressBar';
import { findTask } from '../../plans/derive';
import { AddTaskForm } from './AddTaskForm';
import { columnId } from './PlanBoard';
import { usePlanContext } from './PlanActionsContext';
import { TaskItem } from './TaskItem';

interface PhaseProps {
  phase: Phase;
  number: number;
  taskIds: number[];
  collapsed: boolean;
  onToggle: () => void;
  filtered: boolean;
}

export function PhaseSection({ phase, number, taskIds, collapsed, onToggle, filtered }: PhaseProps) {
  const { plan, canEdit } = usePlanContext();
  const { setNodeRef, isOver } = useDroppable({ id: columnId(phase.id) });
  const headingId = `phase-${phase.id}-title`;
  const listId = `phase-${phase.id}-tasks`;
  const tasks = taskIds.map((id) => findTask(plan, id)).filter((t): t is Task => t !== undefined);
  return (
    <section className="card phase" aria-labelledby={headingId}>
      <div className="phase__head">
        <h2 id={headingId} className="phase__title">
          <span className="phase__number">{number}</span> {phase.name}
        </h2>
        {phase.estimatedDuration && <span className="small muted">{phase.estimatedDuration}</span>}
        <button type="button" className="button button--quiet phase__toggle" aria-expanded={!collapsed}
          aria-controls={collapsed ? undefined : listId} onClick={onToggle}>
          {collapsed ? `Show ${phase.tasks.length} tasks` : 'Collapse'}
          <span className="visually-hidden"> {phase.name}</span>
        </button>
      </div>
      {phase.description && !collapsed && <p className="small muted phase__description">{phase.description}</p>}
      <ProgressBar label={`Progress of ${phase.name}`} progress={phase.progress} compact />
      <p className="small muted">{progressSummary(phase.progress)}</p>
      {!collapsed && (<>
      <SortableContext id={columnId(phase.id)} items={taskIds} strategy={verticalListSortingStrategy}>
        <ol id={listId} ref={setNodeRef} className={isOver && tasks.length === 0 ? 'task-list task-list--over' : 'task-list'}
          aria-label={`Tasks in ${phase.name}`}>
          {tasks.map((task) => (
            <TaskItem key={task.id} task={task} />
          ))}
          {tasks.length === 0 && (
            <li className="task-list__empty muted small">
              {filtered && phase.tasks.length > 0 ? 'No tasks here match the filters.' : 'No tasks in this phase yet.'}
            </li>
          )}
        </ol>
      </SortableContext>
      {canEdit && <AddTaskForm phase={phase} />}
      </>)}
    </section>
  );
}

import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useRef, useState } from 'react';
import type { Phase, Task } from '../../api/types';
import { Menu, type MenuItem } from '../../components/Menu';
import { ProgressBar, progressSummary } from '../../components/ProgressBar';
import { findTask } from '../../plans/derive';
import { AddTaskForm } from './AddTaskForm';
import { columnId, phaseSortId } from './boardIds';
import { usePlanContext } from './PlanActionsContext';
import { DeletePhaseDialog, PhaseFormDialog } from './PhaseDialogs';
import { TaskItem } from './TaskItem';
import { phaseHeadingId, usePhaseActions } from './usePhaseActions';

interface PhaseProps {
  phase: Phase;
  number: number;
  /** How many phases the board shows (Move down is off for the last). */
  count: number;
  taskIds: number[];
  collapsed: boolean;
  onToggle: () => void;
  filtered: boolean;
}

type PhaseDialog = 'edit' | 'addAfter' | 'delete';

export function PhaseSection({ phase, number, count, taskIds, collapsed, onToggle, filtered }: PhaseProps) {
  const { plan, canEdit } = usePlanContext();
  const phaseActions = usePhaseActions();
  const [dialog, setDialog] = useState<PhaseDialog | null>(null);
  const { setNodeRef, isOver } = useDroppable({ id: columnId(phase.id) });
  // Taken apart: the React Compiler's lint takes an object holding ref callbacks for a ref, and its other fields with it.
  const { setNodeRef: setSectionRef, setActivatorNodeRef, attributes, listeners, transform, transition, isDragging } =
    useSortable({ id: phaseSortId(phase.id), disabled: !canEdit });
  const section = useRef<HTMLElement | null>(null);
  const headingId = phaseHeadingId(phase.id);
  const listId = `phase-${phase.id}-tasks`;
  const tasks = taskIds.map((id) => findTask(plan, id)).filter((t): t is Task => t !== undefined);

  // A phase moved by its menu changes places on the board, and the browser drops focus from a node it moves:
  // it goes back to the menu button, so Move up can be used again straight away.
  const step = async (direction: -1 | 1) => {
    if (await phaseActions.step(phase, direction)) {
      requestAnimationFrame(() => section.current?.querySelector<HTMLElement>('.phase__menu .menu__button')?.focus());
    }
  };

  const items: MenuItem[] = [
    { label: 'Rename or describe…', onSelect: () => setDialog('edit') },
    { label: 'Add phase after…', onSelect: () => setDialog('addAfter') },
    { label: 'Move up', onSelect: () => void step(-1), disabled: number === 1 },
    { label: 'Move down', onSelect: () => void step(1), disabled: number === count },
    { label: 'Delete phase…', onSelect: () => setDialog('delete'), danger: true },
  ];

  return (
    <section ref={(node) => {
      section.current = node;
      setSectionRef(node);
    }} style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`card phase${isDragging ? ' phase--dragging' : ''}`} aria-labelledby={headingId} data-phase-id={phase.id}>
      <div className="phase__head">
        {canEdit && (
          <button type="button" ref={setActivatorNodeRef} className="drag-handle phase__handle" {...attributes} {...listeners}
            aria-label={`Reorder phase ${phase.name}`}>
            <span aria-hidden="true">⠿</span>
          </button>
        )}
        <h2 id={headingId} className="phase__title" tabIndex={-1}>
          <span className="phase__number">{number}</span> {phase.name}
        </h2>
        {phase.estimatedDuration && <span className="small muted">{phase.estimatedDuration}</span>}
        <button type="button" className="button button--quiet phase__toggle" aria-expanded={!collapsed}
          aria-controls={collapsed ? undefined : listId} onClick={onToggle}>
          {collapsed ? `Show ${phase.tasks.length} tasks` : 'Collapse'}
          <span className="visually-hidden"> {phase.name}</span>
        </button>
        {canEdit && (
          <Menu label={`Phase actions: ${phase.name}`} items={items} className="phase__menu">
            <span aria-hidden="true">⋯</span>
          </Menu>
        )}
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
      {dialog === 'edit' && (
        <PhaseFormDialog title={`Rename or describe “${phase.name}”`} submitLabel="Save"
          initial={{ name: phase.name, description: phase.description }}
          onSubmit={(fields) => phaseActions.save(phase, fields)} onClose={() => setDialog(null)} />
      )}
      {dialog === 'addAfter' && (
        <PhaseFormDialog title={`Add a phase after “${phase.name}”`} submitLabel="Add phase"
          onSubmit={(fields) => phaseActions.add(fields, phase.id)} onClose={() => setDialog(null)} />
      )}
      {dialog === 'delete' && (
        <DeletePhaseDialog phase={phase} onDelete={(moveTasksTo) => phaseActions.remove(phase, moveTasksTo)} onClose={() => setDialog(null)} />
      )}
    </section>
  );
}

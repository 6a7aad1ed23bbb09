import {
  closestCenter, closestCorners, DndContext, DragOverlay, KeyboardSensor, MeasuringStrategy, PointerSensor, useSensor, useSensors,
  type CollisionDetection, type DragEndEvent, type DragOverEvent, type DragStartEvent, type DroppableContainer,
  type KeyboardCoordinateGetter, type UniqueIdentifier,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useMemo, useRef, useState } from 'react';
import type { Task } from '../../api/types';
import { findTask } from '../../plans/derive';
import { isFiltering, matchesFilter, todayIso } from '../../plans/filters';
import { afterIdAt, moveItem } from '../../plans/ordering';
import { inOrder } from '../../plans/phaseOrder';
import { AddPhase } from './AddPhase';
import { columnId, isPhaseSortId, phaseIdOf, phaseOfSortId, phaseSortId } from './boardIds';
import { announcements, instructions } from './dragAnnouncements';
import { PhaseSection } from './PhaseSection';
import { usePlanContext } from './PlanActionsContext';
import { PlanFilters } from './PlanFilters';
import { usePhaseActions } from './usePhaseActions';
import type { PlanView } from './usePlanView';

export type Columns = Record<string, number[]>;

// Droppables measured before a drag starts, not just after: an arrow key pressed right after Space must already
// know where the other tasks are (by default the first measurement lands a frame after pick-up).
const measuring = { droppable: { strategy: MeasuringStrategy.Always } };

/** A phase being dragged meets only phases, and a task only tasks and task lists. */
const sameKind = (active: UniqueIdentifier) => (container: DroppableContainer) => isPhaseSortId(container.id) === isPhaseSortId(active);

const collisions: CollisionDetection = (args) => {
  const droppableContainers = args.droppableContainers.filter(sameKind(args.active.id));
  // Phases are tall and of any height: the nearest centre says which one a phase is over.
  return (isPhaseSortId(args.active.id) ? closestCenter : closestCorners)({ ...args, droppableContainers });
};

/** The arrow keys move a task among tasks and a phase among phases (the sortable keys, over one kind of item). */
const keyboardCoordinates: KeyboardCoordinateGetter = (event, args) => {
  const all = args.context.droppableContainers;
  const keep = sameKind(args.active);
  const droppableContainers = { getEnabled: () => all.getEnabled().filter(keep), get: (id: UniqueIdentifier) => all.get(id) };
  return sortableKeyboardCoordinates(event, {
    ...args,
    context: { ...args.context, droppableContainers: droppableContainers as unknown as typeof all },
  });
};

function columnOf(columns: Columns, id: UniqueIdentifier): string | undefined {
  if (typeof id === 'string' && id in columns) return id;
  return Object.keys(columns).find((key) => columns[key]!.includes(id as number));
}

/**
 * The phases and their tasks, sortable within and across phases by mouse, touch (pointer) and keyboard (Space to
 * pick up, arrows to move, Space to drop, Escape to cancel). While dragging, the board keeps its own copy of the
 * order; on drop, one "move after" operation goes to the server, drawn optimistically. Phases themselves are
 * sortable the same way by the handle in their header (one DndContext: a phase only meets phases, a task only
 * tasks); a dropped phase stays where it was dropped until the server has the move.
 */
export function PlanBoard({ view }: { view: PlanView }) {
  const { plan, actions, userId, canEdit } = usePlanContext();
  const phaseActions = usePhaseActions();
  const { filter, collapsed } = view;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: keyboardCoordinates }),
  );
  // The tasks shown, derived once per plan or filter change. A drop among filtered tasks lands after the task
  // shown above it (the hidden ones keep their places).
  const base = useMemo<Columns>(() => {
    const today = todayIso();
    const shown = isFiltering(filter) ? (t: Task) => matchesFilter(t, filter, today, userId) : () => true;
    return Object.fromEntries(plan.phases.map((phase) => [columnId(phase.id), phase.tasks.filter(shown).map((t) => t.id)]));
  }, [plan, filter, userId]);
  const shownCount = useMemo(() => Object.values(base).reduce((sum, ids) => sum + ids.length, 0), [base]);
  const total = useMemo(() => plan.phases.reduce((sum, phase) => sum + phase.tasks.length, 0), [plan]);
  const [dragging, setDragging] = useState<Columns | null>(null);
  const [activeId, setActiveId] = useState<number | null>(null);
  const origin = useRef<{ column: string; afterId: number | null } | null>(null);
  const columns = dragging ?? base;
  // A phase dropped somewhere new, drawn there until the server has the move.
  const [phaseOrder, setPhaseOrder] = useState<number[] | null>(null);
  const phases = useMemo(() => inOrder(plan.phases, phaseOrder), [plan.phases, phaseOrder]);
  const phaseSortIds = useMemo(() => phases.map((p) => phaseSortId(p.id)), [phases]);

  const dropPhase = async (dragged: UniqueIdentifier, overId: UniqueIdentifier | undefined) => {
    const ids = phases.map((p) => p.id);
    const from = ids.indexOf(phaseOfSortId(dragged));
    const to = overId !== undefined && isPhaseSortId(overId) ? ids.indexOf(phaseOfSortId(overId)) : -1;
    if (from < 0 || to < 0 || from === to) return;
    const final = moveItem(ids, from, to);
    const phase = phases[from]!;
    setPhaseOrder(final);
    await phaseActions.move(phase, afterIdAt(final, to));
    setPhaseOrder(null);
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    if (isPhaseSortId(active.id)) return;
    const column = columnOf(base, active.id);
    if (!column) return;
    const ids = base[column]!;
    origin.current = { column, afterId: afterIdAt(ids, ids.indexOf(active.id as number)) };
    setActiveId(active.id as number);
    setDragging(base);
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over || isPhaseSortId(active.id)) return;
    setDragging((current) => {
      if (!current) return current;
      const from = columnOf(current, active.id);
      const to = columnOf(current, over.id);
      if (!from || !to || from === to) return current;
      const target = current[to]!;
      const overIndex = target.indexOf(over.id as number);
      const index = overIndex >= 0 ? overIndex : target.length;
      return {
        ...current,
        [from]: current[from]!.filter((id) => id !== active.id),
        [to]: [...target.slice(0, index), active.id as number, ...target.slice(index)],
      };
    });
  };

  const finish = () => {
    setDragging(null);
    setActiveId(null);
    origin.current = null;
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (isPhaseSortId(active.id)) {
      finish();
      void dropPhase(active.id, over?.id);
      return;
    }
    const column = columnOf(columns, active.id);
    const start = origin.current;
    if (over && column && start) {
      const ids = columns[column]!;
      const from = ids.indexOf(active.id as number);
      const overIndex = columnOf(columns, over.id) === column ? ids.indexOf(over.id as number) : -1;
      const final = overIndex >= 0 ? moveItem(ids, from, overIndex) : ids;
      const afterId = afterIdAt(final, final.indexOf(active.id as number));
      if (column !== start.column || afterId !== start.afterId) {
        actions.moveTask(active.id as number, phaseIdOf(column), afterId);
      }
    }
    finish();
  };

  const activeTask = activeId === null ? undefined : findTask(plan, activeId);
  return (
    <div className={`plan-main${view.compact ? ' plan-main--compact' : ''}`}>
      <PlanFilters view={view} shown={shownCount} total={total} />
      <DndContext sensors={sensors} collisionDetection={collisions} measuring={measuring} onDragStart={onDragStart} onDragOver={onDragOver}
        onDragEnd={onDragEnd} onDragCancel={finish}
        accessibility={{ announcements: announcements(plan), screenReaderInstructions: instructions }}>
        <SortableContext id="phases" items={phaseSortIds} strategy={verticalListSortingStrategy}>
          {phases.map((phase, index) => (
            <PhaseSection key={phase.id} phase={phase} number={index + 1} count={phases.length}
              taskIds={columns[columnId(phase.id)] ?? []} collapsed={collapsed.has(phase.id)}
              onToggle={() => view.toggleCollapsed(phase.id)} filtered={isFiltering(filter)} />
          ))}
        </SortableContext>
        <DragOverlay dropAnimation={null}>
          {activeTask ? <div className="task task--overlay">{activeTask.title}</div> : null}
        </DragOverlay>
      </DndContext>
      {canEdit && <AddPhase />}
    </div>
  );
}

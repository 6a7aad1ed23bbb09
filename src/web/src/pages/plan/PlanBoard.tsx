import {
  closestCorners, DndContext, DragOverlay, KeyboardSensor, MeasuringStrategy, PointerSensor, useSensor, useSensors,
  type DragEndEvent, type DragOverEvent, type DragStartEvent, type UniqueIdentifier,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useMemo, useRef, useState } from 'react';
import type { Task } from '../../api/types';
import { findTask } from '../../plans/derive';
import { isFiltering, matchesFilter, todayIso } from '../../plans/filters';
import { afterIdAt, moveItem } from '../../plans/ordering';
import { announcements, instructions } from './dragAnnouncements';
import { PhaseSection } from './PhaseSection';
import { usePlanContext } from './PlanActionsContext';
import { PlanFilters } from './PlanFilters';
import type { PlanView } from './usePlanView';

export type Columns = Record<string, number[]>;

// Droppables measured before a drag starts, not just after: an arrow key pressed right after Space must already
// know where the other tasks are (by default the first measurement lands a frame after pick-up).
const measuring = { droppable: { strategy: MeasuringStrategy.Always } };

export const columnId = (phaseId: number) => `phase-${phaseId}`;
const phaseIdOf = (column: string) => Number(column.slice('phase-'.length));

function columnOf(columns: Columns, id: UniqueIdentifier): string | undefined {
  if (typeof id === 'string' && id in columns) return id;
  return Object.keys(columns).find((key) => columns[key]!.includes(id as number));
}

/**
 * The phases and their tasks, sortable within and across phases by mouse, touch (pointer) and keyboard (Space to
 * pick up, arrows to move, Space to drop, Escape to cancel). While dragging, the board keeps its own copy of the
 * order; on drop, one "move after" operation goes to the server, drawn optimistically.
 */
export function PlanBoard({ view }: { view: PlanView }) {
  const { plan, actions, userId } = usePlanContext();
  const { filter, collapsed } = view;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
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

  const onDragStart = ({ active }: DragStartEvent) => {
    const column = columnOf(base, active.id);
    if (!column) return;
    const ids = base[column]!;
    origin.current = { column, afterId: afterIdAt(ids, ids.indexOf(active.id as number)) };
    setActiveId(active.id as number);
    setDragging(base);
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over) return;
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
      <DndContext sensors={sensors} collisionDetection={closestCorners} measuring={measuring} onDragStart={onDragStart} onDragOver={onDragOver}
        onDragEnd={onDragEnd} onDragCancel={finish}
        accessibility={{ announcements: announcements(plan), screenReaderInstructions: instructions }}>
        {plan.phases.map((phase, index) => (
          <PhaseSection key={phase.id} phase={phase} number={index + 1} taskIds={columns[columnId(phase.id)] ?? []}
            collapsed={collapsed.has(phase.id)} onToggle={() => view.toggleCollapsed(phase.id)}
            filtered={isFiltering(filter)} />
        ))}
        <DragOverlay dropAnimation={null}>
          {activeTask ? <div className="task task--overlay">{activeTask.title}</div> : null}
        </DragOverlay>
      </DndContext>
    </div>
  );
}

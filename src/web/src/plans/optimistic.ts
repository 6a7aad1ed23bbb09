// Optimistic edits: a change the user made but the server has not confirmed yet is kept as a pending operation
// and drawn over the confirmed plan. When the server confirms it (its live echo lands in the cache) or refuses it
// (the request fails), the operation is dropped: on refusal that is the rollback, with nothing to undo by hand.
import type { Plan, TaskPatch } from '../api/types';
import { allTasks, regroup } from './derive';
import { compareTasks, positionAfter } from './ordering';

export type PlanOp =
  /** `base`: the values an edit form started from, sent so the server can tell a conflicting edit (409). */
  | { kind: 'updateTask'; taskId: number; patch: TaskPatch; base?: TaskPatch }
  | { kind: 'moveTask'; taskId: number; phaseId: number; afterTaskId: number | null }
  | { kind: 'deleteTask'; taskId: number };

/** A pending operation: what the user did, and the X-Operation-Id it was sent with. */
export interface PendingOp {
  operationId: string;
  op: PlanOp;
}

function updateFields(patch: TaskPatch) {
  const { override: _override, ...fields } = patch;
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

export function applyOp(plan: Plan, op: PlanOp): Plan {
  const tasks = allTasks(plan);
  const task = tasks.find((t) => t.id === op.taskId);
  if (!task) return plan; // deleted meanwhile (by someone else, or an earlier operation)
  switch (op.kind) {
    case 'updateTask': {
      const fields = updateFields(op.patch);
      const completing = op.patch.status === 'completed' && task.status !== 'completed';
      const leaving = op.patch.status !== undefined && op.patch.status !== 'completed';
      const updated = {
        ...task,
        ...fields,
        completedAt: completing ? new Date().toISOString() : leaving ? null : task.completedAt,
      };
      return regroup(plan, tasks.map((t) => (t.id === task.id ? updated : t)));
    }
    case 'moveTask': {
      const siblings = tasks.filter((t) => t.phaseId === op.phaseId && t.id !== task.id).sort(compareTasks);
      const moved = { ...task, phaseId: op.phaseId, position: positionAfter(siblings, op.afterTaskId) };
      return regroup(plan, tasks.map((t) => (t.id === task.id ? moved : t)));
    }
    case 'deleteTask':
      return regroup(
        plan,
        tasks.filter((t) => t.id !== task.id).map((t) => ({ ...t, prerequisiteIds: t.prerequisiteIds.filter((id) => id !== task.id) })),
      );
  }
}

/** The plan as the user should see it: the confirmed plan with every pending operation applied, in order. */
export function withPending(plan: Plan, pending: readonly PendingOp[]): Plan {
  return pending.reduce((current, { op }) => applyOp(current, op), plan);
}

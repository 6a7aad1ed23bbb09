// Live changes into the cached plan. Versions are consecutive per plan: a change at version + 1 applies; one at
// or below the cached version is stale or a duplicate (ignored); one further ahead means changes were missed, and
// the caller catches up with GET /changes?since=version before applying it.
import type { DependencyRow, Phase, PhaseRow, Plan, PlanChange, PlanRow, RowChange, Task, TaskRow } from '../api/types';
import { allTasks, regroup } from './derive';

export type Decision = 'apply' | 'stale' | 'gap';

export function classify(cachedVersion: number, changeVersion: number): Decision {
  if (changeVersion <= cachedVersion) return 'stale';
  return changeVersion === cachedVersion + 1 ? 'apply' : 'gap';
}

/** Thrown for a row this client cannot apply; the caller refetches the plan instead. */
export class UnknownChangeError extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function taskFrom(row: TaskRow, planId: number, existing: Task | undefined, at: string): Task {
  return {
    id: row.id,
    planId,
    phaseId: row.phaseId,
    title: row.title,
    description: row.description,
    status: row.status,
    position: row.position,
    estimatedTime: row.estimatedTime,
    resources: row.resources ?? [],
    dueDate: row.dueDate,
    assigneeId: row.assigneeId,
    isCustom: row.isCustom,
    completedAt: row.completedAt,
    completedBy: row.completedBy,
    createdAt: row.createdAt,
    prerequisiteIds: existing?.prerequisiteIds ?? [],
    blocked: existing?.blocked ?? false,
    updatedAt: at,
  };
}

function applyRow(plan: Plan, tasks: Map<number, Task>, row: RowChange, at: string): Plan {
  const [entity] = row.action.split('.');
  // The action's entity says which row record before and after hold.
  if (entity === 'task') {
    const before = row.before as TaskRow | null;
    const after = row.after as TaskRow | null;
    if (after === null) {
      const id = row.taskId ?? (isObject(before) ? before.id : NaN);
      tasks.delete(id);
      for (const [otherId, other] of tasks) {
        if (other.prerequisiteIds.includes(id)) {
          tasks.set(otherId, { ...other, prerequisiteIds: other.prerequisiteIds.filter((p) => p !== id) });
        }
      }
    } else if (isObject(after)) {
      tasks.set(after.id, taskFrom(after, plan.id, tasks.get(after.id), at));
    } else throw new UnknownChangeError(row.action);
    return plan;
  }
  if (entity === 'dependency') {
    const link = (row.after ?? row.before) as DependencyRow | null;
    if (!isObject(link)) throw new UnknownChangeError(row.action);
    const task = tasks.get(link.taskId);
    if (!task) return plan;
    const others = task.prerequisiteIds.filter((id) => id !== link.prerequisiteTaskId);
    const prerequisiteIds = row.after === null ? others : [...others, link.prerequisiteTaskId].sort((a, b) => a - b);
    tasks.set(task.id, { ...task, prerequisiteIds });
    return plan;
  }
  if (entity === 'plan') {
    if (!isObject(row.after)) return plan;
    const after = row.after as PlanRow;
    return { ...plan, title: after.title, description: after.description, status: after.status, completedAt: after.completedAt };
  }
  if (entity === 'phase') return applyPhaseRow(plan, row);
  if (entity === 'member') return plan; // membership is not the plan's content
  throw new UnknownChangeError(row.action);
}

const noProgress = { total: 0, notStarted: 0, inProgress: 0, completed: 0, skipped: 0, percent: 0 };

/**
 * A phase added, changed (name, description, place) or deleted. Its tasks are rows of their own (a deleted phase's
 * tasks move out in the same change), so only the phase itself changes here; regroup puts tasks and order right.
 */
function applyPhaseRow(plan: Plan, row: RowChange): Plan {
  const after = row.after as PhaseRow | null;
  const before = row.before as PhaseRow | null;
  if (after === null) {
    if (!isObject(before)) throw new UnknownChangeError(row.action);
    return { ...plan, phases: plan.phases.filter((p) => p.id !== before.id) };
  }
  if (!isObject(after) || typeof after.id !== 'number') throw new UnknownChangeError(row.action);
  const fields = { name: after.name, description: after.description, position: after.position, estimatedDuration: after.estimatedDuration };
  const existing = plan.phases.find((p) => p.id === after.id);
  const phase: Phase = existing ? { ...existing, ...fields } : { id: after.id, ...fields, progress: noProgress, tasks: [] };
  return { ...plan, phases: existing ? plan.phases.map((p) => (p.id === phase.id ? phase : p)) : [...plan.phases, phase] };
}

/** The plan after one change (which must be the next version), with order, blocked flags and progress redone. */
export function applyChange(plan: Plan, change: PlanChange): Plan {
  const tasks = new Map(allTasks(plan).map((t) => [t.id, t]));
  let next = plan;
  for (const row of change.data.changes) next = applyRow(next, tasks, row, change.occurredAt);
  return { ...regroup(next, [...tasks.values()]), version: change.version, updatedAt: change.occurredAt };
}

export interface MergeResult {
  plan: Plan;
  /** Set when a change further ahead than the next version arrived: the version to catch up from. */
  gapFrom?: number;
  applied: PlanChange[];
}

/** Applies what follows on from the cached version, in order; skips stale and duplicate versions; stops at a gap. */
export function mergeChanges(plan: Plan, changes: readonly PlanChange[]): MergeResult {
  let current = plan;
  const applied: PlanChange[] = [];
  for (const change of [...changes].sort((a, b) => a.version - b.version)) {
    const decision = classify(current.version, change.version);
    if (decision === 'stale') continue;
    if (decision === 'gap') return { plan: current, gapFrom: current.version, applied };
    current = applyChange(current, change);
    applied.push(change);
  }
  return { plan: current, applied };
}

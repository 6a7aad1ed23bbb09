import type { Phase, Plan, PlanChange, RowChange, Task } from '../api/types';
import { regroup } from '../plans/derive';

let nextId = 1000;

export function task(fields: Partial<Task> & { id: number; phaseId: number }): Task {
  return {
    planId: 1,
    title: `Task ${fields.id}`,
    description: '',
    status: 'notStarted',
    position: 'V',
    estimatedTime: null,
    resources: [],
    dueDate: null,
    assigneeId: null,
    isCustom: false,
    completedAt: null,
    completedBy: null,
    prerequisiteIds: [],
    blocked: false,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    ...fields,
  };
}

function phase(id: number, position: string, name = `Phase ${id}`): Phase {
  const empty = { total: 0, notStarted: 0, inProgress: 0, completed: 0, skipped: 0, percent: 0 };
  return { id, name, description: '', position, estimatedDuration: null, progress: empty, tasks: [] };
}

/** A plan at version 5 with phases 10 ("Discover") and 20 ("Build"): tasks 1, 2, 3 in the first, 4 in the second. */
export function samplePlan(): Plan {
  const base: Plan = {
    id: 1,
    title: 'Pet sitting marketplace',
    description: '',
    status: 'active',
    version: 5,
    role: 'owner',
    ownerId: 1,
    searchId: 1,
    searchResultId: 1,
    templateId: 'software-startup',
    progress: { total: 0, notStarted: 0, inProgress: 0, completed: 0, skipped: 0, percent: 0 },
    phases: [phase(10, 'F', 'Discover'), phase(20, 'k', 'Build')],
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    completedAt: null,
  };
  return regroup(base, [
    task({ id: 1, phaseId: 10, position: 'F', title: 'Interview owners' }),
    task({ id: 2, phaseId: 10, position: 'V', title: 'Map competitors' }),
    task({ id: 3, phaseId: 10, position: 'k', title: 'Size the market', prerequisiteIds: [1] }),
    task({ id: 4, phaseId: 20, position: 'V', title: 'Build prototype' }),
  ]);
}

export function rowOf(t: Task) {
  const { planId: _p, prerequisiteIds: _r, blocked: _b, updatedAt: _u, ...row } = t;
  return row;
}

export function change(version: number, rows: RowChange[], fields: Partial<PlanChange> = {}): PlanChange {
  return {
    planId: 1,
    version,
    type: rows[0]?.action ?? 'task.updated',
    data: { kind: 'do', targetOperationId: null, changes: rows },
    actorId: 2,
    operationId: `op-${nextId++}`,
    occurredAt: '2025-02-01T12:00:00Z',
    ...fields,
  };
}

export function titles(plan: Plan, phaseIndex: number): string[] {
  return plan.phases[phaseIndex]!.tasks.map((t) => t.title);
}

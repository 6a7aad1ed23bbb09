import { describe, expect, it } from 'vitest';
import { samplePlan, titles } from '../test/plans';
import { findTask } from './derive';
import { applyOp, withPending, type PendingOp } from './optimistic';

describe('optimistic operations', () => {
  it('completes a task at once, unblocking what waits for it', () => {
    const next = applyOp(samplePlan(), { kind: 'updateTask', taskId: 1, patch: { status: 'completed' } });
    expect(findTask(next, 1)?.status).toBe('completed');
    expect(findTask(next, 1)?.completedAt).not.toBeNull();
    expect(findTask(next, 3)?.blocked).toBe(false);
    expect(next.progress.completed).toBe(1);
  });

  it('edits fields without sending the override flag into the task', () => {
    const next = applyOp(samplePlan(), { kind: 'updateTask', taskId: 2, patch: { title: 'Map rivals', dueDate: '2025-03-01', override: true } });
    expect(findTask(next, 2)).toMatchObject({ title: 'Map rivals', dueDate: '2025-03-01' });
    expect(findTask(next, 2)).not.toHaveProperty('override');
  });

  it('moves within a phase and across phases', () => {
    const plan = samplePlan();
    expect(titles(applyOp(plan, { kind: 'moveTask', taskId: 3, phaseId: 10, afterTaskId: null }), 0))
      .toEqual(['Size the market', 'Interview owners', 'Map competitors']);
    expect(titles(applyOp(plan, { kind: 'moveTask', taskId: 1, phaseId: 10, afterTaskId: 2 }), 0))
      .toEqual(['Map competitors', 'Interview owners', 'Size the market']);
    const across = applyOp(plan, { kind: 'moveTask', taskId: 2, phaseId: 20, afterTaskId: 4 });
    expect(titles(across, 1)).toEqual(['Build prototype', 'Map competitors']);
    expect(across.phases[0]!.progress.total).toBe(2);
  });

  it('deletes a task and the links to it', () => {
    const next = applyOp(samplePlan(), { kind: 'deleteTask', taskId: 1 });
    expect(findTask(next, 1)).toBeUndefined();
    expect(findTask(next, 3)).toMatchObject({ prerequisiteIds: [], blocked: false });
  });

  it('rolls back by dropping the operation: the confirmed plan is never touched', () => {
    const plan = samplePlan();
    const pending: PendingOp[] = [
      { operationId: 'a', op: { kind: 'updateTask', taskId: 1, patch: { status: 'completed' } } },
      { operationId: 'b', op: { kind: 'moveTask', taskId: 4, phaseId: 10, afterTaskId: null } },
    ];
    const shown = withPending(plan, pending);
    expect(findTask(shown, 1)?.status).toBe('completed');
    expect(titles(shown, 0)[0]).toBe('Build prototype');

    const afterFailure = withPending(plan, pending.filter((p) => p.operationId !== 'a'));
    expect(findTask(afterFailure, 1)?.status).toBe('notStarted');
    expect(titles(afterFailure, 0)[0]).toBe('Build prototype');
    expect(findTask(plan, 1)?.status).toBe('notStarted');
    expect(withPending(plan, [])).toBe(plan);
  });

  it('ignores an operation on a task that is gone', () => {
    const plan = samplePlan();
    expect(applyOp(plan, { kind: 'updateTask', taskId: 99, patch: { title: 'x' } })).toBe(plan);
  });
});

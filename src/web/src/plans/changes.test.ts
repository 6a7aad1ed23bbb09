import { describe, expect, it } from 'vitest';
import type { PhaseRow, RowChange } from '../api/types';
import { change, rowOf, samplePlan, task, titles } from '../test/plans';
import { applyChange, classify, mergeChanges, UnknownChangeError } from './changes';
import { findTask } from './derive';

describe('live changes', () => {
  it('classifies versions: next applies, old or equal is stale, further ahead is a gap', () => {
    expect(classify(5, 6)).toBe('apply');
    expect(classify(5, 5)).toBe('stale');
    expect(classify(5, 3)).toBe('stale');
    expect(classify(5, 8)).toBe('gap');
  });

  it('applies a task update and recomputes blocked flags and progress', () => {
    const plan = samplePlan();
    expect(findTask(plan, 3)?.blocked).toBe(true);
    const before = rowOf(findTask(plan, 1)!);
    const after = { ...before, status: 'completed' as const, completedAt: '2025-02-01T12:00:00Z' };

    const next = applyChange(plan, change(6, [{ action: 'task.updated', taskId: 1, before, after, note: null }]));

    expect(next.version).toBe(6);
    expect(findTask(next, 1)?.status).toBe('completed');
    expect(findTask(next, 3)?.blocked).toBe(false);
    expect(next.progress).toMatchObject({ total: 4, completed: 1, percent: 25 });
    expect(next.phases[0]!.progress.percent).toBe(33.3);
  });

  it('moves a task across phases by its new phase and position', () => {
    const plan = samplePlan();
    const before = rowOf(findTask(plan, 2)!);
    const next = applyChange(plan, change(6, [{ action: 'task.moved', taskId: 2, before, after: { ...before, phaseId: 20, position: 'k' }, note: null }]));
    expect(titles(next, 0)).toEqual(['Interview owners', 'Size the market']);
    expect(titles(next, 1)).toEqual(['Build prototype', 'Map competitors']);
  });

  it('creates and deletes tasks, and adds and removes dependencies', () => {
    const plan = samplePlan();
    const created = rowOf(task({ id: 9, phaseId: 20, position: 'F', title: 'Write landing page' }));
    const next = mergeChanges(plan, [
      change(6, [{ action: 'task.created', taskId: 9, before: null, after: created, note: null }]),
      change(7, [{ action: 'dependency.added', taskId: 4, before: null, after: { taskId: 4, prerequisiteTaskId: 9 }, note: null }]),
      change(8, [
        { action: 'dependency.removed', taskId: 3, before: { taskId: 3, prerequisiteTaskId: 1 }, after: null, note: null },
        { action: 'task.deleted', taskId: 1, before: rowOf(findTask(plan, 1)!), after: null, note: null },
      ]),
    ]).plan;
    expect(next.version).toBe(8);
    expect(titles(next, 1)).toEqual(['Write landing page', 'Build prototype']);
    expect(findTask(next, 4)).toMatchObject({ prerequisiteIds: [9], blocked: true });
    expect(findTask(next, 1)).toBeUndefined();
    expect(findTask(next, 3)).toMatchObject({ prerequisiteIds: [], blocked: false });
  });

  it('applies the plan row and ignores membership rows', () => {
    const next = applyChange(samplePlan(), change(6, [
      { action: 'plan.updated', taskId: null, before: { title: 'Plan', description: 'd', status: 'active', completedAt: null }, after: { title: 'Renamed', description: 'd', status: 'archived', completedAt: null }, note: null },
      { action: 'member.added', taskId: null, before: null, after: { userId: 3, role: 'editor' }, note: null },
    ]));
    expect(next).toMatchObject({ title: 'Renamed', status: 'archived', version: 6 });
  });

  it('skips stale and duplicate versions and stops at a gap', () => {
    const plan = samplePlan();
    const row = (title: string) => ({ action: 'task.updated', taskId: 2, before: null, after: { ...rowOf(findTask(plan, 2)!), title }, note: null });
    const result = mergeChanges(plan, [change(4, [row('old')]), change(6, [row('six')]), change(6, [row('dup')]), change(9, [row('nine')])]);
    expect(result.plan.version).toBe(6);
    expect(findTask(result.plan, 2)?.title).toBe('six');
    expect(result.applied.map((c) => c.version)).toEqual([6]);
    expect(result.gapFrom).toBe(6);
  });

  it('refuses a row it does not understand, so the caller refetches', () => {
    expect(() => applyChange(samplePlan(), change(6, [{ action: 'widget.created', taskId: null, before: null, after: null, note: null }])))
      .toThrow(UnknownChangeError);
    expect(() => applyChange(samplePlan(), change(6, [{ action: 'phase.created', taskId: null, before: null, after: null, note: null }])))
      .toThrow(UnknownChangeError);
  });

  const phaseRow = (row: PhaseRow) => row as unknown as RowChange['after'];
  const phaseChange = (action: string, before: PhaseRow | null, after: PhaseRow | null): RowChange =>
    ({ action, taskId: null, before: before && phaseRow(before), after: after && phaseRow(after), note: null });
  const discover: PhaseRow = { id: 10, name: 'Discover', description: '', position: 'F', estimatedDuration: null };

  it('adds, renames and moves a phase in place', () => {
    const launch: PhaseRow = { id: 30, name: 'Launch', description: 'Go live', position: 'V', estimatedDuration: null };
    const added = applyChange(samplePlan(), change(6, [phaseChange('phase.created', null, launch)]));
    expect(added.phases.map((p) => p.name)).toEqual(['Discover', 'Launch', 'Build']);
    expect(added.phases[1]).toMatchObject({ description: 'Go live', tasks: [], progress: { total: 0 } });

    const renamed = applyChange(added, change(7, [phaseChange('phase.updated', discover, { ...discover, name: 'Research' })]));
    expect(renamed.phases.map((p) => p.name)).toEqual(['Research', 'Launch', 'Build']);
    expect(titles(renamed, 0)).toEqual(['Interview owners', 'Map competitors', 'Size the market']);

    const moved = applyChange(renamed, change(8, [phaseChange('phase.moved', { ...discover, name: 'Research' }, { ...discover, name: 'Research', position: 'z' })]));
    expect(moved.phases.map((p) => p.name)).toEqual(['Launch', 'Build', 'Research']);
  });

  it('deletes a phase whose tasks moved out in the same change, and brings both back on undo', () => {
    const plan = samplePlan();
    const moves = [1, 2, 3].map((id, i): RowChange => {
      const before = rowOf(findTask(plan, id)!);
      return { action: 'task.moved', taskId: id, before, after: { ...before, phaseId: 20, position: `W${i + 1}` }, note: null };
    });
    const deleted = applyChange(plan, change(6, [...moves, phaseChange('phase.deleted', discover, null)]));
    expect(deleted.phases.map((p) => p.name)).toEqual(['Build']);
    expect(titles(deleted, 0)).toEqual(['Build prototype', 'Interview owners', 'Map competitors', 'Size the market']);
    expect(deleted.phases[0]!.progress.total).toBe(4);

    const undo = moves.map((m): RowChange => ({ ...m, before: m.after, after: m.before }));
    const restored = applyChange(deleted, change(7, [phaseChange('phase.created', null, discover), ...undo]));
    expect(restored.phases.map((p) => p.name)).toEqual(['Discover', 'Build']);
    expect(titles(restored, 0)).toEqual(['Interview owners', 'Map competitors', 'Size the market']);
  });
});

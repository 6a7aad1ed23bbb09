import { describe, expect, it } from 'vitest';
import type { HistoryEntry, PhaseRow, TaskRow } from '../api/types';
import { rowOf, samplePlan, task } from '../test/plans';
import { describeHistory, formerTitles } from './describeHistory';

const entry = (fields: Partial<HistoryEntry>): HistoryEntry => ({
  id: 1, version: 6, action: 'task.updated', taskId: 1, userId: 1, operationId: 'op', isUndo: false,
  revertsOperationId: null, note: null, before: null, after: null, timestamp: '2025-02-01T12:00:00Z', ...fields,
});

/** A task's row as history keeps it, with the fields a case is about. */
const taskRow = (fields: Partial<TaskRow>): TaskRow => rowOf(task({ id: 1, phaseId: 10, ...fields }));

describe('history in words', () => {
  const plan = samplePlan();

  it('says what happened to a task', () => {
    expect(describeHistory(entry({ before: taskRow({ title: 'Interview owners', status: 'notStarted' }), after: taskRow({ title: 'Interview owners', status: 'completed' }) }), plan))
      .toBe('completed “Interview owners”');
    expect(describeHistory(entry({ before: taskRow({ title: 'A' }), after: taskRow({ title: 'B' }) }), plan))
      .toBe('renamed “A” to “B”');
    expect(describeHistory(entry({ action: 'task.moved', taskId: 2, before: taskRow({ id: 2, title: 'Map competitors', phaseId: 10 }), after: taskRow({ id: 2, title: 'Map competitors', phaseId: 20 }) }), plan))
      .toBe('moved “Map competitors” to Build');
    expect(describeHistory(entry({ action: 'task.deleted', taskId: 9, before: taskRow({ id: 9, title: 'Gone' }) }), plan)).toBe('deleted “Gone”');
  });

  it('names both tasks of a dependency, and marks undo', () => {
    expect(describeHistory(entry({ action: 'dependency.added', taskId: 3, after: { taskId: 3, prerequisiteTaskId: 1 } }), plan))
      .toBe('made “Size the market” wait for “Interview owners”');
    expect(describeHistory(entry({ action: 'task.created', taskId: 4, after: taskRow({ id: 4, title: 'Build prototype' }), isUndo: true }), plan))
      .toBe('added “Build prototype” (undo or redo)');
  });

  it('names a task deleted since by its last title in the history', () => {
    const history = [
      entry({ id: 3, action: 'task.deleted', taskId: 25, before: taskRow({ id: 25, title: 'Audit task' }) }),
      entry({ id: 2, action: 'dependency.removed', taskId: 25, before: { taskId: 25, prerequisiteTaskId: 1 } }),
      entry({ id: 1, action: 'task.created', taskId: 25, after: taskRow({ id: 25, title: 'Draft task' }) }),
    ];
    const former = formerTitles(history);
    expect(former.get(25)).toBe('Audit task');
    expect(describeHistory(history[1]!, plan, former)).toBe('stopped “Audit task” waiting for “Interview owners”');
    expect(describeHistory(history[1]!, plan)).toBe('stopped “task 25” waiting for “Interview owners”');
  });

  const phaseRow = (fields: Partial<PhaseRow>) =>
    ({ id: 30, name: 'Launch', description: '', position: 'V', estimatedDuration: null, ...fields }) as unknown as HistoryEntry['after'];

  it('says what happened to a phase', () => {
    expect(describeHistory(entry({ action: 'phase.created', taskId: null, after: phaseRow({}) }), plan)).toBe('added phase “Launch”');
    expect(describeHistory(entry({ action: 'phase.updated', taskId: null, before: phaseRow({ name: 'A' }), after: phaseRow({ name: 'B' }) }), plan))
      .toBe('renamed phase “A” to “B”');
    expect(describeHistory(entry({ action: 'phase.updated', taskId: null, before: phaseRow({}), after: phaseRow({ description: 'Go live' }) }), plan))
      .toBe('edited the description of phase “Launch”');
    expect(describeHistory(entry({ action: 'phase.moved', taskId: null, before: phaseRow({}), after: phaseRow({ position: 'k' }) }), plan))
      .toBe('moved phase “Launch”');
    expect(describeHistory(entry({ action: 'phase.deleted', taskId: null, before: phaseRow({}), isUndo: true }), plan))
      .toBe('deleted phase “Launch” (undo or redo)');
  });

  it('says where a deleted phase’s tasks went, and names a phase deleted since', () => {
    const moved = (id: number, title: string, version = 8) => entry({
      id, version, action: 'task.moved', taskId: id, operationId: 'delete-op',
      before: taskRow({ id, title, phaseId: 30 }), after: taskRow({ id, title, phaseId: 20 }),
    });
    const deleted = entry({ id: 9, version: 8, action: 'phase.deleted', taskId: null, operationId: 'delete-op', before: phaseRow({}) });
    const history = [deleted, moved(7, 'Write launch post'), moved(6, 'Email list')];
    expect(describeHistory(deleted, plan, new Map(), history)).toBe('deleted phase “Launch” (its 2 tasks moved to “Build”)');
    expect(describeHistory(deleted, plan, new Map(), [deleted, moved(7, 'Write launch post')]))
      .toBe('deleted phase “Launch” (its task moved to “Build”)');
    expect(describeHistory(deleted, plan)).toBe('deleted phase “Launch”');

    // An earlier move into the phase, named by the phase's name in the history though it no longer exists.
    const intoLaunch = entry({ id: 3, action: 'task.moved', taskId: 7, before: taskRow({ id: 7, title: 'Write launch post', phaseId: 20 }),
      after: taskRow({ id: 7, title: 'Write launch post', phaseId: 30 }) });
    expect(describeHistory(intoLaunch, plan, new Map(), [...history, intoLaunch])).toBe('moved “Write launch post” to Launch');
  });
});

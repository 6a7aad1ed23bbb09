import { describe, expect, it } from 'vitest';
import type { HistoryEntry, TaskRow } from '../api/types';
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
});

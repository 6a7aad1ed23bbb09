import { describe, expect, it } from 'vitest';
import { samplePlan, task } from '../test/plans';
import { dependentsOf, regroup } from './derive';

describe('dependentsOf', () => {
  it('finds the tasks that wait for a task directly and through others, and not the task itself', () => {
    const plan = samplePlan();
    // 3 waits for 1; make 4 wait for 3 and 2 wait for 4: 1 ← 3 ← 4 ← 2.
    const linked = regroup(plan, [
      task({ id: 1, phaseId: 10, position: 'F' }),
      task({ id: 2, phaseId: 10, position: 'V', prerequisiteIds: [4] }),
      task({ id: 3, phaseId: 10, position: 'k', prerequisiteIds: [1] }),
      task({ id: 4, phaseId: 20, position: 'V', prerequisiteIds: [3] }),
    ]);
    expect([...dependentsOf(linked, 1)].sort()).toEqual([2, 3, 4]);
    expect([...dependentsOf(linked, 4)]).toEqual([2]);
    expect(dependentsOf(linked, 2).size).toBe(0);
  });

  it('stops on a cycle the data already has', () => {
    const plan = regroup(samplePlan(), [
      task({ id: 1, phaseId: 10, position: 'F', prerequisiteIds: [2] }),
      task({ id: 2, phaseId: 10, position: 'V', prerequisiteIds: [1] }),
    ]);
    expect([...dependentsOf(plan, 1)]).toEqual([2]);
  });
});

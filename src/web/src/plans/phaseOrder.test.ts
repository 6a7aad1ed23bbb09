import { describe, expect, it } from 'vitest';
import { samplePlan } from '../test/plans';
import { afterPhaseForStep, inOrder } from './phaseOrder';

describe('phase order', () => {
  it('says which phase a phase goes after when it moves one step', () => {
    const order = [10, 20, 30];
    expect(afterPhaseForStep(order, 20, -1)).toBeNull();
    expect(afterPhaseForStep(order, 30, -1)).toBe(10);
    expect(afterPhaseForStep(order, 10, 1)).toBe(20);
    expect(afterPhaseForStep(order, 20, 1)).toBe(30);
    expect(afterPhaseForStep(order, 10, -1)).toBeUndefined();
    expect(afterPhaseForStep(order, 30, 1)).toBeUndefined();
    expect(afterPhaseForStep(order, 99, 1)).toBeUndefined();
  });

  it('draws phases in a pending order, keeping phases added meanwhile and skipping deleted ones', () => {
    const phases = samplePlan().phases;
    expect(inOrder(phases, null).map((p) => p.id)).toEqual([10, 20]);
    expect(inOrder(phases, [20, 10]).map((p) => p.id)).toEqual([20, 10]);
    expect(inOrder(phases, [99, 20]).map((p) => p.id)).toEqual([20, 10]);
  });
});

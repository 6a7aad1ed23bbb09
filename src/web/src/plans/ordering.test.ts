import { describe, expect, it } from 'vitest';
import { task } from '../test/plans';
import { afterIdAt, between, compareTasks, isValidKey, moveItem, positionAfter } from './ordering';

describe('ordering', () => {
  it('finds the same keys as the server (midpoints of base-62 fractions)', () => {
    expect(between(null, null)).toBe('V');
    expect(between('V', null)).toBe('l');
    expect(between(null, 'V')).toBe('G');
    expect(between('F', 'G')).toBe('FV');
  });

  // The server's FractionalIndexTests cases.
  it.each([[null, null], ['V', null], [null, 'V'], ['V', 'W'], ['V', 'V1'], ['z', null], [null, '01'], ['Vzzz', 'W']])(
    'between(%s, %s) is strictly between and valid',
    (before, after) => {
      const key = between(before, after);
      expect(isValidKey(key)).toBe(true);
      if (before !== null) expect(before < key).toBe(true);
      if (after !== null) expect(key < after).toBe(true);
    },
  );

  it('always finds room when inserting again and again at one spot', () => {
    let low = between(null, null);
    let high = between(low, null);
    for (let i = 0; i < 300; i++) {
      const key = between(low, high);
      expect(low < key && key < high).toBe(true);
      if (i % 2 === 0) high = key;
      else low = key;
    }
  });

  it('refuses keys out of order or invalid', () => {
    expect(() => between('k', 'V')).toThrow();
    expect(() => between('V0', null)).toThrow();
  });

  it('orders by position ordinally (digits < upper < lower), then by id', () => {
    const tasks = [task({ id: 3, phaseId: 1, position: 'a' }), task({ id: 2, phaseId: 1, position: 'Z' }),
      task({ id: 1, phaseId: 1, position: 'a' })];
    expect([...tasks].sort(compareTasks).map((t) => t.id)).toEqual([2, 1, 3]);
  });

  it('places a task first, between two, and last', () => {
    const siblings = [task({ id: 1, phaseId: 1, position: 'F' }), task({ id: 2, phaseId: 1, position: 'V' })];
    expect(positionAfter(siblings, null) < 'F').toBe(true);
    const middle = positionAfter(siblings, 1);
    expect(middle > 'F' && middle < 'V').toBe(true);
    expect(positionAfter(siblings, 2) > 'V').toBe(true);
    expect(positionAfter([], null)).toBe('V');
  });

  it('moves list items and names the task to go after', () => {
    expect(moveItem([1, 2, 3, 4], 3, 1)).toEqual([1, 4, 2, 3]);
    expect(moveItem([1, 2, 3], 0, 9)).toEqual([2, 3, 1]);
    expect(afterIdAt([7, 8, 9], 0)).toBeNull();
    expect(afterIdAt([7, 8, 9], 2)).toBe(8);
  });
});

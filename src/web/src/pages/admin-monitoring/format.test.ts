import { describe, expect, it } from 'vitest';
import { millis, percent, reading } from './format';

describe('monitoring numbers', () => {
  it('keeps one decimal below 10 and none above, without trailing zeros', () => {
    expect([percent(7.576), percent(0), percent(2.5), percent(12.49), percent(100), percent(null)])
      .toEqual(['7.6%', '0%', '2.5%', '12%', '100%', '–']);
    expect([reading(95.05), reading(0.04), reading(null)]).toEqual(['95', '0', '–']);
    expect([millis(1.234), millis(9.96), millis(137.6), millis(undefined)]).toEqual(['1.2 ms', '10 ms', '138 ms', '–']);
  });
});

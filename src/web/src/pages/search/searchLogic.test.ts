import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { planIdOf, searchHints } from './searchHints';
import type { Search, SearchResult } from '../../api/types';
import { existingPlanId } from './existingPlan';
import { queryProblem } from './queryProblem';

const result = { id: 1, title: 'A gap' } as SearchResult;
const search = (extra: object): Search => ({ id: 1, query: 'Pet care', createdAt: '', results: [], quota: null, didYouMean: null, suggestions: [], ...extra });

describe('planIdOf', () => {
  it('is the plan id the server sent, or null when it sent none or nonsense', () => {
    expect(planIdOf({ ...result, planId: 7 })).toBe(7);
    expect(planIdOf({ ...result, planId: null })).toBeNull();
    expect(planIdOf(result)).toBeNull();
    expect(planIdOf({ ...result, planId: '7' } as unknown as SearchResult)).toBeNull();
    expect(planIdOf({ ...result, planId: 0 })).toBeNull();
  });
});

describe('searchHints', () => {
  it('trims, drops blanks, repeats and the query itself', () => {
    expect(searchHints(search({ suggestions: [' meal kits ', '', 'meal kits', 'pet care', 'dog walking'], didYouMean: ' pet cafe ' })))
      .toEqual({ suggestions: ['meal kits', 'dog walking'], didYouMean: 'pet cafe' });
  });

  it('is empty for a server that sends neither, or a "did you mean" equal to the query', () => {
    expect(searchHints(search({}))).toEqual({ suggestions: [], didYouMean: null });
    expect(searchHints(search({ suggestions: null, didYouMean: 'PET CARE' }))).toEqual({ suggestions: [], didYouMean: null });
  });
});

describe('existingPlanId', () => {
  it('reads existingPlanId from a 409 or a 400, and nothing else', () => {
    expect(existingPlanId(new ApiError(409, { existingPlanId: 5 }))).toBe(5);
    expect(existingPlanId(new ApiError(400, { existingPlanId: '6' }))).toBe(6);
    expect(existingPlanId(new ApiError(409, {}))).toBeNull();
    expect(existingPlanId(new ApiError(404, { existingPlanId: 5 }))).toBeNull();
    expect(existingPlanId(new Error('network'))).toBeNull();
    expect(existingPlanId(undefined)).toBeNull();
  });
});

describe('queryProblem', () => {
  it('refuses an empty query and one of only spaces, with different words', () => {
    expect(queryProblem('')).toMatch(/Type what to search for/);
    expect(queryProblem(' \t ')).toMatch(/not only spaces/);
    expect(queryProblem(' 🐶🐱 ')).toBeNull();
  });
});

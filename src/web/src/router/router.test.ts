import { describe, expect, it } from 'vitest';
import { matchPath } from './router';

describe('matchPath', () => {
  it.each([
    ['/', '/', {}],
    ['/admin', '/admin/', {}],
    ['/plans/:planId', '/plans/42', { planId: '42' }],
    ['/plans/:planId', '/plans/a%20b', { planId: 'a b' }],
  ])('matches %s against %s', (pattern, path, params) => {
    expect(matchPath(pattern, path)).toEqual(params);
  });

  it.each([
    ['/', '/admin'],
    ['/admin', '/'],
    ['/plans/:planId', '/plans'],
    ['/plans/:planId', '/plans/1/tasks'],
    ['/plans/:planId', '/plans/%E0%A4%A'],
  ])('does not match %s against %s', (pattern, path) => {
    expect(matchPath(pattern, path)).toBeNull();
  });
});

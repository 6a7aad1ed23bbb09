import { describe, expect, it } from 'vitest';
import type { Task } from '../api/types';
import { diffFields, fieldsOf, resolveConflict, safeHref } from './taskForm';

const task = {
  id: 1, planId: 1, phaseId: 1, title: 'Interview owners', description: 'Ten of them', status: 'notStarted',
  position: 'a0', estimatedTime: null, resources: [], dueDate: null, assigneeId: null, isCustom: false,
  completedAt: null, completedBy: null, prerequisiteIds: [], blocked: false,
} as unknown as Task;

describe('taskForm', () => {
  it('sends only the changed fields, with the values they started from', () => {
    const start = fieldsOf(task);
    expect(diffFields(start, { ...start, title: 'Interview 10 owners', dueDate: '2026-12-24' })).toEqual({
      patch: { title: 'Interview 10 owners', dueDate: '2026-12-24' },
      base: { title: 'Interview owners', dueDate: null },
    });
    expect(diffFields(start, { ...start })).toEqual({ patch: {}, base: {} });
  });

  it('keeps mine against their value as the new base, takes theirs by dropping the field, and keeps other edits', () => {
    const patch = { title: 'Mine', description: 'My words', dueDate: '2026-12-24' };
    const base = { title: 'Interview owners', description: 'Ten of them', dueDate: null };
    const current = { ...task, title: 'Theirs', description: 'Their words' };
    expect(resolveConflict(patch, base, current, ['title', 'description'], { title: 'mine', description: 'theirs' })).toEqual({
      patch: { title: 'Mine', dueDate: '2026-12-24' },
      base: { title: 'Theirs', dueDate: null },
    });
  });

  it('links http and https only', () => {
    expect(safeHref('https://example.com/a')).toBe('https://example.com/a');
    expect(safeHref('http://example.com')).toBe('http://example.com/');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,hi')).toBeNull();
    expect(safeHref('just words')).toBeNull();
  });
});

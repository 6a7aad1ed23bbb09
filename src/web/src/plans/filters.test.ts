import { describe, expect, it } from 'vitest';
import type { Task } from '../api/types';
import { addDays, isFiltering, matchesFilter, noFilter } from './filters';

const task = (fields: Partial<Task>) => ({
  id: 1, planId: 1, phaseId: 1, title: 'Interview owners', description: 'Ten coffee shops', status: 'notStarted',
  position: 'a0', estimatedTime: null, resources: [], dueDate: null, assigneeId: null, isCustom: false,
  completedAt: null, completedBy: null, prerequisiteIds: [], blocked: false, ...fields,
}) as Task;

const today = '2026-12-02';

describe('filters', () => {
  it('lets everything through with no filter', () => {
    expect(isFiltering(noFilter)).toBe(false);
    expect(matchesFilter(task({ status: 'completed' }), noFilter, today, 7)).toBe(true);
  });

  it('searches title and description, every word', () => {
    const f = { ...noFilter, search: 'coffee interview' };
    expect(isFiltering(f)).toBe(true);
    expect(matchesFilter(task({}), f, today, 7)).toBe(true);
    expect(matchesFilter(task({ description: 'bakeries' }), f, today, 7)).toBe(false);
  });

  it('hides completed tasks and filters by status and assignee', () => {
    expect(matchesFilter(task({ status: 'completed' }), { ...noFilter, hideCompleted: true }, today, 7)).toBe(false);
    expect(matchesFilter(task({ status: 'inProgress' }), { ...noFilter, status: 'inProgress' }, today, 7)).toBe(true);
    expect(matchesFilter(task({}), { ...noFilter, status: 'inProgress' }, today, 7)).toBe(false);
    expect(matchesFilter(task({ assigneeId: 7 }), { ...noFilter, assignee: 'me' }, today, 7)).toBe(true);
    expect(matchesFilter(task({ assigneeId: 8 }), { ...noFilter, assignee: 'me' }, today, 7)).toBe(false);
    expect(matchesFilter(task({}), { ...noFilter, assignee: 'nobody' }, today, 7)).toBe(true);
  });

  it('finds overdue open tasks and tasks due in the next seven days', () => {
    const overdue = { ...noFilter, due: 'overdue' as const };
    expect(matchesFilter(task({ dueDate: '2026-12-01' }), overdue, today, 7)).toBe(true);
    expect(matchesFilter(task({ dueDate: '2026-12-01', status: 'completed' }), overdue, today, 7)).toBe(false);
    expect(matchesFilter(task({ dueDate: today }), overdue, today, 7)).toBe(false);
    const week = { ...noFilter, due: 'week' as const };
    expect(matchesFilter(task({ dueDate: today }), week, today, 7)).toBe(true);
    expect(matchesFilter(task({ dueDate: '2026-12-08' }), week, today, 7)).toBe(true);
    expect(matchesFilter(task({ dueDate: '2026-12-09' }), week, today, 7)).toBe(false);
    expect(matchesFilter(task({}), week, today, 7)).toBe(false);
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
  });
});

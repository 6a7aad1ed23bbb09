// What the plan page shows: search within the plan, filters by status, assignee and due date, completed tasks
// hidden or not. Pure, so the board derives its visible list in one memo instead of per task.
import type { Task, TaskStatus } from '../api/types';

export type DueFilter = 'all' | 'overdue' | 'week';
export type AssigneeFilter = 'all' | 'me' | 'nobody';

export interface TaskFilter {
  search: string;
  status: 'all' | TaskStatus;
  assignee: AssigneeFilter;
  due: DueFilter;
  hideCompleted: boolean;
}

export const noFilter: TaskFilter = { search: '', status: 'all', assignee: 'all', due: 'all', hideCompleted: false };

export function isFiltering(filter: TaskFilter): boolean {
  return filter.search.trim() !== '' || filter.status !== 'all' || filter.assignee !== 'all' || filter.due !== 'all' || filter.hideCompleted;
}

/** A date (YYYY-MM-DD) `days` after another, in UTC as the server's dates are. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function todayIso(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

const done = (status: TaskStatus) => status === 'completed' || status === 'skipped';

/** Whether a task is shown: every filter must let it through. `today` is the user's local date. */
export function matchesFilter(task: Task, filter: TaskFilter, today: string, userId: number): boolean {
  if (filter.hideCompleted && task.status === 'completed') return false;
  if (filter.status !== 'all' && task.status !== filter.status) return false;
  if (filter.assignee === 'me' && task.assigneeId !== userId) return false;
  if (filter.assignee === 'nobody' && task.assigneeId !== null) return false;
  if (filter.due === 'overdue' && !(task.dueDate !== null && task.dueDate < today && !done(task.status))) return false;
  if (filter.due === 'week' && !(task.dueDate !== null && task.dueDate >= today && task.dueDate <= addDays(today, 6))) return false;
  const words = filter.search.trim().toLowerCase();
  if (words !== '') {
    const text = `${task.title}\n${task.description}`.toLowerCase();
    if (!words.split(/\s+/).every((word) => text.includes(word))) return false;
  }
  return true;
}

// History entries in words: "completed “Interview owners”", "moved “Map competitors” to Build".
import type { DependencyRow, HistoryEntry, Plan, TaskRow, TaskStatus } from '../api/types';
import { allTasks } from './derive';

/** The fields read from a task's or a dependency's row (the action says which; a plan's or a member's has none). */
type Row = Partial<Pick<TaskRow, 'title' | 'status' | 'phaseId'> & DependencyRow>;

const statusVerbs: Record<TaskStatus, string> = {
  completed: 'completed',
  inProgress: 'started',
  skipped: 'skipped',
  notStarted: 'reopened',
};

function row(value: HistoryEntry['before']): Row {
  return (value ?? {}) as Row;
}

/**
 * The last title each task had in these entries (newest first, as the server lists them), so that entries about
 * a task deleted since can still name it: a dependency row carries ids only.
 */
export function formerTitles(history: readonly HistoryEntry[]): Map<number, string> {
  const titles = new Map<number, string>();
  for (const entry of history) {
    const title = row(entry.after).title ?? row(entry.before).title;
    if (entry.taskId != null && title && !titles.has(entry.taskId)) titles.set(entry.taskId, title);
  }
  return titles;
}

export function describeHistory(entry: HistoryEntry, plan: Plan, former: ReadonlyMap<number, string> = new Map()): string {
  const before = row(entry.before);
  const after = row(entry.after);
  const titles = new Map(allTasks(plan).map((t) => [t.id, t.title]));
  const taskTitle = (id: number | undefined | null, fallback?: string) =>
    `“${fallback ?? (id != null ? (titles.get(id) ?? former.get(id)) : undefined) ?? `task ${id ?? '?'}`}”`;
  const title = taskTitle(entry.taskId, after.title ?? before.title);
  const text = (() => {
    switch (entry.action) {
      case 'task.created':
        return `added ${title}`;
      case 'task.deleted':
        return `deleted ${title}`;
      case 'task.moved': {
        const phase = plan.phases.find((p) => p.id === after.phaseId);
        return before.phaseId !== after.phaseId && phase ? `moved ${title} to ${phase.name}` : `reordered ${title}`;
      }
      case 'task.updated':
        if (before.status !== after.status && after.status) return `${statusVerbs[after.status]} ${title}`;
        if (before.title !== after.title) return `renamed ${taskTitle(null, before.title)} to ${title}`;
        return `edited ${title}`;
      case 'dependency.added':
        return `made ${taskTitle(after.taskId)} wait for ${taskTitle(after.prerequisiteTaskId)}`;
      case 'dependency.removed':
        return `stopped ${taskTitle(before.taskId)} waiting for ${taskTitle(before.prerequisiteTaskId)}`;
      case 'plan.created':
        return 'created the plan';
      case 'plan.updated':
        return 'updated the plan';
      case 'member.added':
      case 'member.updated':
        return 'shared the plan';
      case 'member.removed':
        return 'removed a member';
      default:
        return entry.action.replace('.', ' ');
    }
  })();
  return entry.isUndo ? `${text} (undo or redo)` : text;
}

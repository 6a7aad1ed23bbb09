// History entries in words: "completed “Interview owners”", "moved “Map competitors” to Build", "added phase “Launch”".
import type { DependencyRow, HistoryEntry, PhaseRow, Plan, TaskRow, TaskStatus } from '../api/types';
import { allTasks } from './derive';

/** The fields read from a task's, a dependency's or a phase's row (the action says which; a plan's or a member's has none). */
type Row = Partial<Pick<TaskRow, 'title' | 'status' | 'phaseId'> & DependencyRow & Pick<PhaseRow, 'id' | 'name' | 'description'>>;

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

/** The last name each phase had in these entries (newest first), for entries about a phase deleted since. */
function formerPhaseNames(history: readonly HistoryEntry[]): Map<number, string> {
  const names = new Map<number, string>();
  for (const entry of history) {
    if (!entry.action.startsWith('phase.')) continue;
    const phase = entry.after ? row(entry.after) : row(entry.before);
    if (phase.id != null && phase.name && !names.has(phase.id)) names.set(phase.id, phase.name);
  }
  return names;
}

/** "(its 3 tasks moved to “Build”)": the tasks a phase's deletion moved out, as rows of the same operation. */
function tasksMovedOut(entry: HistoryEntry, phaseId: number, history: readonly HistoryEntry[], phaseName: (id: number) => string | undefined) {
  const moves = history.filter((other) =>
    other.operationId === entry.operationId && other.action === 'task.moved' && row(other.before).phaseId === phaseId);
  if (moves.length === 0) return '';
  const target = row(moves[0]!.after).phaseId;
  const name = target != null ? phaseName(target) : undefined;
  const tasks = moves.length === 1 ? 'its task' : `its ${moves.length} tasks`;
  return name ? ` (${tasks} moved to “${name}”)` : ` (${tasks} moved to another phase)`;
}

/**
 * One entry in words. `former` names tasks deleted since (formerTitles); `history`, the entries shown with it, names
 * phases deleted since and counts the tasks a phase's deletion moved out (rows of the same operation).
 */
export function describeHistory(entry: HistoryEntry, plan: Plan, former: ReadonlyMap<number, string> = new Map(),
  history: readonly HistoryEntry[] = []): string {
  const before = row(entry.before);
  const after = row(entry.after);
  const titles = new Map(allTasks(plan).map((t) => [t.id, t.title]));
  const taskTitle = (id: number | undefined | null, fallback?: string) =>
    `“${fallback ?? (id != null ? (titles.get(id) ?? former.get(id)) : undefined) ?? `task ${id ?? '?'}`}”`;
  const title = taskTitle(entry.taskId, after.title ?? before.title);
  const phaseNames = (() => {
    let names: Map<number, string> | undefined;
    return (id: number) => plan.phases.find((p) => p.id === id)?.name ?? (names ??= formerPhaseNames(history)).get(id);
  })();
  const phaseName = `“${after.name ?? before.name ?? 'a phase'}”`;
  const text = (() => {
    switch (entry.action) {
      case 'task.created':
        return `added ${title}`;
      case 'task.deleted':
        return `deleted ${title}`;
      case 'task.moved': {
        const phase = after.phaseId != null ? phaseNames(after.phaseId) : undefined;
        return before.phaseId !== after.phaseId && phase ? `moved ${title} to ${phase}` : `reordered ${title}`;
      }
      case 'task.updated':
        if (before.status !== after.status && after.status) return `${statusVerbs[after.status]} ${title}`;
        if (before.title !== after.title) return `renamed ${taskTitle(null, before.title)} to ${title}`;
        return `edited ${title}`;
      case 'dependency.added':
        return `made ${taskTitle(after.taskId)} wait for ${taskTitle(after.prerequisiteTaskId)}`;
      case 'dependency.removed':
        return `stopped ${taskTitle(before.taskId)} waiting for ${taskTitle(before.prerequisiteTaskId)}`;
      case 'phase.created':
        return `added phase ${phaseName}`;
      case 'phase.updated':
        if (before.name !== after.name) return `renamed phase “${before.name ?? '?'}” to ${phaseName}`;
        return `edited the description of phase ${phaseName}`;
      case 'phase.moved':
        return `moved phase ${phaseName}`;
      case 'phase.deleted':
        return `deleted phase ${phaseName}${before.id != null ? tasksMovedOut(entry, before.id, history, phaseNames) : ''}`;
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

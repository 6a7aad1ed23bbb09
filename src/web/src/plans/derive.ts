// What the server derives from the rows, recomputed on the client after a live change or an optimistic edit:
// task order, blocked flags, and progress per phase and overall.
import type { Phase, Plan, Progress, Task, TaskStatus } from '../api/types';
import { comparePhases, compareTasks } from './ordering';

/** A prerequisite in one of these states no longer blocks (the server's TaskRules.IsDone). */
export function isDone(status: TaskStatus): boolean {
  return status === 'completed' || status === 'skipped';
}

/** Counts by status; percent = completed ÷ (total − skipped), one decimal; 100 when every task is skipped. */
export function progressOf(tasks: readonly Pick<Task, 'status'>[]): Progress {
  const count = (status: TaskStatus) => tasks.filter((t) => t.status === status).length;
  const total = tasks.length;
  const completed = count('completed');
  const skipped = count('skipped');
  const open = total - skipped;
  const percent = open === 0 ? (total === 0 ? 0 : 100) : Math.round((1000 * completed) / open) / 10;
  return { total, notStarted: count('notStarted'), inProgress: count('inProgress'), completed, skipped, percent };
}

export function allTasks(plan: Plan): Task[] {
  return plan.phases.flatMap((phase) => phase.tasks);
}

/** The plan with `tasks` put back into their phases, in order, with blocked flags and progress recomputed. */
export function regroup(plan: Plan, tasks: readonly Task[]): Plan {
  const statusById = new Map(tasks.map((t) => [t.id, t.status]));
  const withBlocked = tasks.map((task) => {
    const prerequisiteIds = task.prerequisiteIds.filter((id) => statusById.has(id));
    const blocked = prerequisiteIds.some((id) => !isDone(statusById.get(id)!));
    return blocked === task.blocked && prerequisiteIds.length === task.prerequisiteIds.length
      ? task
      : { ...task, prerequisiteIds, blocked };
  });
  const phases: Phase[] = [...plan.phases].sort(comparePhases).map((phase) => {
    const own = withBlocked.filter((t) => t.phaseId === phase.id).sort(compareTasks);
    return { ...phase, tasks: own, progress: progressOf(own) };
  });
  return { ...plan, phases, progress: progressOf(withBlocked) };
}

/** "Next actions": not-started tasks whose prerequisites are all done, in plan order. */
export function nextActions(plan: Plan): Task[] {
  return allTasks(plan).filter((t) => t.status === 'notStarted' && !t.blocked);
}

export function findTask(plan: Plan, taskId: number): Task | undefined {
  for (const phase of plan.phases) {
    const task = phase.tasks.find((t) => t.id === taskId);
    if (task) return task;
  }
  return undefined;
}

/**
 * The tasks that wait for `taskId`, directly or through others: linking any of them as its prerequisite would
 * make a cycle (the server refuses it), so a picker leaves them out.
 */
export function dependentsOf(plan: Plan, taskId: number): Set<number> {
  const waiting = new Map<number, number[]>();
  for (const task of allTasks(plan)) {
    for (const id of task.prerequisiteIds) waiting.set(id, [...(waiting.get(id) ?? []), task.id]);
  }
  const found = new Set<number>();
  const next = [taskId];
  while (next.length > 0) {
    for (const dependent of waiting.get(next.pop()!) ?? []) {
      if (!found.has(dependent) && dependent !== taskId) {
        found.add(dependent);
        next.push(dependent);
      }
    }
  }
  return found;
}

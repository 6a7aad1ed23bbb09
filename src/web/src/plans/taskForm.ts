// The task view's edit form as data: which fields changed, the base they started from (sent so the server can
// tell a conflicting edit), and the merge when the server answers 409 with its current values.
import type { Task, TaskPatch } from '../api/types';

export const editableFields = ['title', 'status', 'assigneeId', 'dueDate', 'estimatedTime', 'resources', 'description'] as const;
export type EditableField = (typeof editableFields)[number];
export type TaskFields = Pick<Task, EditableField>;

export function fieldsOf(task: Task): TaskFields {
  return {
    title: task.title, status: task.status, assigneeId: task.assigneeId, dueDate: task.dueDate,
    estimatedTime: task.estimatedTime, resources: task.resources, description: task.description,
  };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Only what the user changed, with the values those fields had when the form opened. */
export function diffFields(start: TaskFields, edited: TaskFields): { patch: TaskPatch; base: TaskPatch } {
  const patch: Record<string, unknown> = {};
  const base: Record<string, unknown> = {};
  for (const field of editableFields) {
    if (same(start[field], edited[field])) continue;
    patch[field] = edited[field];
    base[field] = start[field];
  }
  return { patch: patch, base: base };
}

export type Choice = 'mine' | 'theirs';

/**
 * The edit to send again after a conflict: for a conflicting field, "mine" keeps the user's value against the
 * server's current one as the new base, "theirs" drops it; every other edit is kept as it was.
 */
export function resolveConflict(
  patch: TaskPatch, base: TaskPatch, current: Task, conflicts: readonly string[], choices: Readonly<Record<string, Choice>>,
): { patch: TaskPatch; base: TaskPatch } {
  const nextPatch: Record<string, unknown> = { ...patch };
  const nextBase: Record<string, unknown> = { ...base };
  for (const field of conflicts) {
    if ((choices[field] ?? 'mine') === 'theirs') {
      delete nextPatch[field];
      delete nextBase[field];
    } else {
      nextBase[field] = (current as unknown as Record<string, unknown>)[field] ?? null;
    }
  }
  return { patch: nextPatch, base: nextBase };
}

/** A resource as a link only when it is an http(s) URL; anything else (javascript:, data:) stays plain text. */
export function safeHref(text: string): string | null {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

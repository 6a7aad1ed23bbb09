// Shapes the server is adding now, written by hand until they are in openapi.json. Each one is replaced by its
// generated type (an alias in types.ts) when the server's contract lands; keep this file tiny.
import type { ProgressReport, Task, TaskPatch } from './types';

/** One change undo or redo would revert (GET /api/plans/{id}/undo-state). */
export interface UndoStep {
  operationId: string;
  type: string;
  /** In words, e.g. "complete ‘Interview 10 owners’". */
  summary: string;
}

export interface UndoState {
  undo: UndoStep | null;
  redo: UndoStep | null;
}

/** PATCH /api/tasks/{id} with `base`: the values the form started from, so the server can tell a conflict. */
export type TaskPatchWithBase = TaskPatch & { base?: TaskPatch };

/** The 409 problem's extensions when someone else changed a field this edit changes meanwhile. */
export interface TaskConflict {
  current: Task;
  conflicts: string[];
}

/** The progress report once pace and finish may be null, with what is missing in words. */
export type Forecast = Omit<ProgressReport, 'velocityPerWeek'> & {
  velocityPerWeek: number | null;
  forecastNeeds?: string | null;
};

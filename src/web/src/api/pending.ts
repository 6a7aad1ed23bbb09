// Shapes the server is adding now, written by hand until they are in openapi.json. Each one is replaced by its
// generated type (an alias in types.ts) when the server's contract lands; keep this file tiny.
import type { CreatePlan, ProgressReport, Search, SearchResult, Task, TaskPatch } from './types';

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

// Fields the server is adding but the checked-in OpenAPI document (schema.d.ts) does not have yet. Each block
// belongs to one piece of work; when the regenerated types carry a field, delete it here and use the generated one.

// --- Search (search-ui) ------------------------------------------------------------------------------------
// The server is adding these to the search answers; the generated SearchResultResponse / SearchResponse replace
// them. Read them defensively: an older server leaves them out.

/** A search result as the server will send it: `planId` is the signed-in user's active plan for it, if any. */
export type SearchResultWithPlan = SearchResult & { planId?: number | null };

/** A search as the server will send it: below the relevance floor no results, with ways to search again. */
export type SearchWithSuggestions = Omit<Search, 'results'> & {
  results: SearchResultWithPlan[];
  suggestions?: string[] | null;
  didYouMean?: string | null;
};

/** POST /api/plans without a search result (blank or from a template): the server is adding `description`. */
export type CreatePlanPending = CreatePlan & { description?: string | null };

/** The user's plan for a result, when the server says (a positive id), else null. */
export function planIdOf(result: SearchResult): number | null {
  const id = (result as SearchResultWithPlan).planId;
  return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : null;
}

/** The suggestions and the "did you mean" of a search, as far as the server sent them (trimmed, no blanks or repeats). */
export function searchHints(search: Search): { suggestions: string[]; didYouMean: string | null } {
  const pending = search as SearchWithSuggestions;
  const query = search.query.trim().toLowerCase();
  const clean = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const didYouMean = clean(pending.didYouMean);
  const suggestions = Array.isArray(pending.suggestions) ? pending.suggestions.map(clean) : [];
  const unique = [...new Set(suggestions.filter((text) => text && text.toLowerCase() !== query))];
  return {
    suggestions: unique,
    didYouMean: didYouMean && didYouMean.toLowerCase() !== query ? didYouMean : null,
  };
}
// --- end Search (search-ui) --------------------------------------------------------------------------------

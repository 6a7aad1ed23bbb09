// Names the plan page and the search pages use for shapes of the server's contract (aliases of the generated types),
// and the one shape the document cannot say: a 409 conflict's extensions.
import type { components } from './schema';
import type { CreatePlan, ProgressReport, Search, SearchResult, Task, TaskPatch } from './types';

type Schemas = components['schemas'];

/** One change undo or redo would revert, and the pair (GET /api/plans/{id}/undo-state). */
export type UndoStep = Schemas['ReversibleOperation'];
export type UndoState = Schemas['UndoStateResponse'];

/** PATCH /api/tasks/{id} with `base`: the values the form started from, so the server can tell a conflict. */
export type TaskPatchWithBase = TaskPatch;

/** The 409 problem's extensions when someone else changed a field this edit changes meanwhile. */
export interface TaskConflict {
  current: Task;
  conflicts: string[];
}

/** The progress report: pace and finish are null, with what is missing in words, until there is evidence. */
export type Forecast = ProgressReport;

// --- Search ---------------------------------------------------------------------------------------------------
// Read defensively: a server older than the page (during a deploy) leaves these fields out.

/** A search result: `planId` is the signed-in user's plan made from it, if any. */
export type SearchResultWithPlan = SearchResult;

/** A search: below the relevance floor no results, with ways to search again. */
export type SearchWithSuggestions = Search;

/** POST /api/plans, from a search result or without one (blank or from a template). */
export type CreatePlanPending = CreatePlan;

/** The user's plan for a result, when the server says (a positive id), else null. */
export function planIdOf(result: SearchResult): number | null {
  const id = (result).planId;
  return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : null;
}

/** The suggestions and the "did you mean" of a search, as far as the server sent them (trimmed, no blanks or repeats). */
export function searchHints(search: Search): { suggestions: string[]; didYouMean: string | null } {
  const pending = search;
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

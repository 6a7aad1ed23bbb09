// Names the plan page and the search pages use for shapes of the server's contract (aliases of the generated types),
// and the one shape the document cannot say: a 409 conflict's extensions.
import type { components } from './schema';
import type { Search, SearchResult, Task } from './types';

type Schemas = components['schemas'];

/** One change undo or redo would revert, and the pair (GET /api/plans/{id}/undo-state). */
export type UndoStep = Schemas['ReversibleOperation'];
export type UndoState = Schemas['UndoStateResponse'];

/** The 409 problem's extensions when someone else changed a field this edit changes meanwhile. */
export interface TaskConflict {
  current: Task;
  conflicts: string[];
}

// --- Search ---------------------------------------------------------------------------------------------------
// Read defensively: a server older than the page (during a deploy) leaves these fields out.

/** The user's plan for a result, when the server says (a positive id), else null. */
export function planIdOf(result: SearchResult): number | null {
  const id = result.planId;
  return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : null;
}

/** The suggestions and the "did you mean" of a search, as far as the server sent them (trimmed, no blanks or repeats). */
export function searchHints(search: Search): { suggestions: string[]; didYouMean: string | null } {
  const query = search.query.trim().toLowerCase();
  const clean = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const didYouMean = clean(search.didYouMean);
  const suggestions = Array.isArray(search.suggestions) ? search.suggestions.map(clean) : [];
  const unique = [...new Set(suggestions.filter((text) => text && text.toLowerCase() !== query))];
  return {
    suggestions: unique,
    didYouMean: didYouMean && didYouMean.toLowerCase() !== query ? didYouMean : null,
  };
}

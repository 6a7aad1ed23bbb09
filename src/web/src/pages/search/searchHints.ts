// What a search result and a search answer say beyond their results: the user's plan for a result, and hints when
// nothing matched. Read defensively: a server older than the page (during a deploy) leaves these fields out.
import type { Search, SearchResult } from '../../api/types';

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

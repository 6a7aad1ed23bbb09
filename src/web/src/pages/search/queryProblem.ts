/** Why a search query cannot be sent, in words for under the field; null when it can. */
export function queryProblem(text: string): string | null {
  if (text.trim() === '') {
    return text === '' ? 'Type what to search for: a market, an audience or a problem.' : 'Type some words to search for, not only spaces.';
  }
  return null;
}

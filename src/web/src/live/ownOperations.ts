// The X-Operation-Ids this page sent, so a live change can be told apart as ours (no "someone changed…" notice).
const LIMIT = 500;
const sent = new Set<string>();

export function rememberOwn(operationId: string) {
  sent.add(operationId);
  if (sent.size > LIMIT) sent.delete(sent.values().next().value!);
}

export function isOwn(operationId: string): boolean {
  return sent.has(operationId);
}

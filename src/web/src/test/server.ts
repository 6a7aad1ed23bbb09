import { vi } from 'vitest';

// A fake server for tests: fetch is replaced by a handler keyed on "METHOD /path".

export type Handler = (init: RequestInit) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });
}

export function fakeServer(routes: Record<string, Handler>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const key = `${init.method ?? 'GET'} ${String(input)}`;
    const handler = routes[key];
    if (!handler) throw new Error(`Unexpected request in test: ${key}`);
    return handler(init);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

export const ada = {
  id: 1,
  email: 'ada@example.com',
  displayName: 'Ada Lovelace',
  tier: 'pro',
  role: 'user',
} as const;

import { vi } from 'vitest';

// A fake server for tests: fetch is replaced by a handler keyed on "METHOD /path".

export type Handler = (init: RequestInit) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });
}

/** The URL a fetch was called with (the client passes a string; Request and URL say it their own way). */
export function urlOf(input: RequestInfo | URL): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

/** The JSON a request was sent with: the client sends every body as a JSON string. */
export function sentJson(init: RequestInit | undefined): unknown {
  if (typeof init?.body !== 'string') throw new Error(`expected a JSON body, got ${typeof init?.body}`);
  return JSON.parse(init.body) as unknown;
}

export function fakeServer(routes: Record<string, Handler>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const key = `${init.method ?? 'GET'} ${urlOf(input)}`;
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

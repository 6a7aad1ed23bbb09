// The one module that talks to the server. Every call goes through `request`, which adds the CSRF header to
// writes and turns every failure (problem details, a non-JSON error page, no network) into an ApiError.

export type Tier = 'free' | 'pro' | 'enterprise';
export type Role = 'user' | 'admin';

export interface User {
  id: number;
  email: string;
  displayName: string;
  tier: Tier;
  role: Role;
}

export interface Credentials {
  email: string;
  password: string;
}

/** RFC 9457 problem details, with ASP.NET Core's `errors` by field for validation failures. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
  [extension: string]: unknown;
}

export const CSRF_COOKIE = 'unbuilt_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string | undefined;
  readonly fieldErrors: Readonly<Record<string, readonly string[]>>;
  readonly retryAfterSeconds: number | undefined;
  readonly problem: ProblemDetails;

  constructor(status: number, problem: ProblemDetails, retryAfterSeconds?: number) {
    const title = problem.title ?? `Request failed (${status})`;
    super(problem.detail ?? title);
    this.status = status;
    this.title = title;
    this.detail = problem.detail;
    this.type = problem.type;
    this.fieldErrors = problem.errors ?? {};
    this.retryAfterSeconds = retryAfterSeconds;
    this.problem = problem;
  }

  /** Messages for one field; the server may name it `email` or `Email`. */
  errorsFor(field: string): readonly string[] {
    const key = Object.keys(this.fieldErrors).find((k) => k.toLowerCase() === field.toLowerCase());
    return key === undefined ? [] : (this.fieldErrors[key] ?? []);
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, {
      title: 'Cannot reach the server',
      detail: 'Check your connection and try again.',
    });
  }

  if (!response.ok) throw await toApiError(response);
  const text = response.status === 204 ? '' : await response.text();
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, {
      title: 'Unexpected response',
      detail: 'The server sent something that is not JSON.',
    });
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  let problem: ProblemDetails = {};
  if (/json/i.test(response.headers.get('Content-Type') ?? '')) {
    try {
      const body: unknown = await response.json();
      if (body && typeof body === 'object') problem = body as ProblemDetails;
    } catch {
      // A broken error body still becomes an ApiError with the status below.
    }
  }
  if (response.status === 429 && problem.detail === undefined) {
    problem.title ??= 'Too many requests';
    problem.detail =
      retryAfter === undefined
        ? 'Too many attempts. Wait a moment and try again.'
        : `Too many attempts. Try again in ${retryAfter} second${retryAfter === 1 ? '' : 's'}.`;
  }
  if (problem.title === undefined && problem.detail === undefined) {
    problem.title = 'Something went wrong';
    problem.detail = `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`;
  }
  return new ApiError(response.status, problem, retryAfter);
}

/** Retry-After is either delay-seconds or an HTTP date; both become whole seconds from now. */
function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

export const api = {
  me: (signal?: AbortSignal) => request<User>('GET', '/api/me', { signal }),
  login: (credentials: Credentials) => request<User>('POST', '/api/auth/login', { body: credentials }),
  logout: () => request<void>('POST', '/api/auth/logout'),
};

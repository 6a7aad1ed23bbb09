// The transport under the typed client (client.ts): every call goes through `send`, which adds the CSRF header to
// writes and turns every failure (problem details, a non-JSON error page, no network) into an ApiError.

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

/** Sends one request; any answer but 2xx becomes an ApiError. */
async function send(method: HttpMethod, path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept, ...options.headers };
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
  return response;
}

async function readJson<T>(response: Response): Promise<T> {
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

const JSON_ACCEPT = 'application/json, application/problem+json';

export async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  return readJson<T>(await send(method, path, options, JSON_ACCEPT));
}

/** An answer with the plan version its ETag names ("7" → 7), so a change can wait for its own live echo. */
export interface Versioned<T> {
  body: T;
  version: number | undefined;
}

export async function requestVersioned<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<Versioned<T>> {
  const response = await send(method, path, options, JSON_ACCEPT);
  return { body: await readJson<T>(response), version: parseETag(response.headers.get('ETag')) };
}

export function parseETag(value: string | null): number | undefined {
  const match = /^(?:W\/)?"(\d+)"$/.exec(value?.trim() ?? '');
  return match ? Number(match[1]) : undefined;
}

export interface Download {
  blob: Blob;
  filename: string;
}

/** A file the server sends as an attachment; the name comes from Content-Disposition. */
export async function download(path: string, fallbackName: string): Promise<Download> {
  const response = await send('GET', path, {}, '*/*');
  return { blob: await response.blob(), filename: filenameOf(response.headers.get('Content-Disposition')) ?? fallbackName };
}

export function filenameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
  const plain = /filename=("?)([^";]+)\1/i.exec(disposition);
  return plain?.[2]?.trim();
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

/** The feature a 404 names when the endpoint is closed to this user by a feature flag (see FeatureGate). */
export function closedFeatureOf(error: unknown): string | undefined {
  if (!isApiError(error, 404)) return undefined;
  const feature = error.problem['feature'];
  return typeof feature === 'string' ? feature : undefined;
}

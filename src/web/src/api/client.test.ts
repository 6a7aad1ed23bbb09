import { describe, expect, it } from 'vitest';
import { ada, fakeServer, json, sentJson } from '../test/server';
import { ApiError, api, closedFeatureOf, filenameOf, parseETag, request } from './client';

function headersOf(init: RequestInit | undefined) {
  return new Headers(init?.headers);
}

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the request to fail');
}

describe('api client', () => {
  it('sends the unbuilt_csrf cookie as X-CSRF-Token on every mutating method', async () => {
    document.cookie = 'unbuilt_csrf=token%2Fvalue-123; path=/';
    const fetchMock = fakeServer({
      'POST /api/auth/login': () => json(200, ada),
      'PUT /api/things/1': () => new Response(null, { status: 204 }),
      'PATCH /api/things/1': () => new Response(null, { status: 204 }),
      'DELETE /api/things/1': () => new Response(null, { status: 204 }),
    });

    await api.login({ email: 'ada@example.com', password: 'secret' });
    await request('PUT', '/api/things/1', { body: {} });
    await request('PATCH', '/api/things/1', { body: {} });
    await request('DELETE', '/api/things/1');

    expect(fetchMock).toHaveBeenCalledTimes(4);
    for (const [, init] of fetchMock.mock.calls) {
      expect(headersOf(init).get('X-CSRF-Token')).toBe('token/value-123');
    }
  });

  it('does not send X-CSRF-Token on GET', async () => {
    document.cookie = 'unbuilt_csrf=abc; path=/';
    const fetchMock = fakeServer({ 'GET /api/me': () => json(200, ada) });

    await expect(api.me()).resolves.toEqual(ada);

    expect(headersOf(fetchMock.mock.calls[0]?.[1]).has('X-CSRF-Token')).toBe(false);
  });

  it('sends JSON bodies with the same-origin cookie', async () => {
    const fetchMock = fakeServer({ 'POST /api/auth/login': () => json(200, ada) });

    await api.login({ email: 'ada@example.com', password: 'secret' });

    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.credentials).toBe('same-origin');
    expect(headersOf(init).get('Content-Type')).toBe('application/json');
    expect(sentJson(init)).toEqual({ email: 'ada@example.com', password: 'secret' });
  });

  it('turns a problem+json response into an ApiError with field errors', async () => {
    fakeServer({
      'POST /api/auth/login': () =>
        json(400, {
          type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
          title: 'The request has invalid fields',
          status: 400,
          detail: 'Fix the fields below.',
          errors: { Email: ['Email is required.'], password: ['Password is required.', 'Too short.'] },
        }),
    });

    const error = await failureOf(api.login({ email: '', password: '' }));

    expect(error.status).toBe(400);
    expect(error.title).toBe('The request has invalid fields');
    expect(error.detail).toBe('Fix the fields below.');
    expect(error.message).toBe('Fix the fields below.');
    expect(error.errorsFor('email')).toEqual(['Email is required.']);
    expect(error.errorsFor('password')).toEqual(['Password is required.', 'Too short.']);
    expect(error.errorsFor('displayName')).toEqual([]);
  });

  it('says when to try again after a 429 without a detail', async () => {
    fakeServer({ 'POST /api/auth/login': () => json(429, { title: 'Too many requests', status: 429 }, { 'Retry-After': '30' }) });

    const error = await failureOf(api.login({ email: 'a@b.c', password: 'x' }));

    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(30);
    expect(error.detail).toBe('Too many attempts. Try again in 30 seconds.');
  });

  it('turns a non-JSON error page into an ApiError that still says what happened', async () => {
    fakeServer({
      'GET /api/me': () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    });

    const error = await failureOf(api.me());

    expect(error.status).toBe(502);
    expect(error.title).toBe('Something went wrong');
    expect(error.detail).toBe('The server answered 502 Bad Gateway.');
  });

  it('turns a network failure into an ApiError with status 0', async () => {
    fakeServer({
      'GET /api/me': () => {
        throw new TypeError('Failed to fetch');
      },
    });

    const error = await failureOf(api.me());

    expect(error.status).toBe(0);
    expect(error.title).toBe('Cannot reach the server');
  });

  it('resolves a 204 to undefined', async () => {
    document.cookie = 'unbuilt_csrf=abc; path=/';
    fakeServer({ 'POST /api/auth/logout': () => new Response(null, { status: 204 }) });

    await expect(api.logout()).resolves.toBeUndefined();
  });

  it('sends an X-Operation-Id with every plan change and reads the version from the ETag', async () => {
    const fetchMock = fakeServer({
      'PATCH /api/tasks/4': () => json(200, { id: 4 }, { ETag: '"12"' }),
      'POST /api/tasks/4/move': () => json(200, { id: 4 }, { ETag: 'W/"13"' }),
    });

    const updated = await api.updateTask(4, { status: 'completed' }, { operationId: 'mine-1' });
    const moved = await api.moveTask(4, 20, null);

    expect(updated.version).toBe(12);
    expect(moved.version).toBe(13);
    expect(headersOf(fetchMock.mock.calls[0]?.[1]).get('X-Operation-Id')).toBe('mine-1');
    expect(headersOf(fetchMock.mock.calls[1]?.[1]).get('X-Operation-Id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(sentJson(fetchMock.mock.calls[1]?.[1])).toEqual({ phaseId: 20, afterTaskId: null });
  });

  it('parses ETags and attachment file names', () => {
    expect(parseETag('"7"')).toBe(7);
    expect(parseETag(null)).toBeUndefined();
    expect(parseETag('"abc"')).toBeUndefined();
    expect(filenameOf('attachment; filename=action-plan-pets-2025-01-31.csv')).toBe('action-plan-pets-2025-01-31.csv');
    expect(filenameOf(`attachment; filename="a b.md"; filename*=UTF-8''a%20b.md`)).toBe('a b.md');
  });

  it('recognises a 404 from a feature switched off for the user', async () => {
    fakeServer({
      'GET /api/plans': () => json(404, { title: 'Not found', detail: "The feature 'x' is not available to you (DISABLED).", feature: 'x' }),
    });
    const error = await failureOf(api.plans());
    expect(closedFeatureOf(error)).toBe('x');
    expect(closedFeatureOf(new ApiError(404, { title: 'Not found' }))).toBeUndefined();
  });
});

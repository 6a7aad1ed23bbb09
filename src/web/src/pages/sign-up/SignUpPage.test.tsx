import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { samplePlan } from '../../test/plans';
import { renderWithClient } from '../../test/render';
import { ada, fakeServer, json, sentJson, type Handler } from '../../test/server';

const signedOut = () => json(401, { title: 'Not signed in', status: 401 });

/** The app, signed out, at `url`, with sign-up in `mode`. */
function openSignUp(url: string, routes: Record<string, Handler> = {}, mode = 'open') {
  window.history.replaceState(null, '', url);
  document.cookie = 'unbuilt_csrf=abc; path=/';
  const fetchMock = fakeServer({
    'GET /api/me': signedOut,
    'GET /api/auth/signup': () => json(200, { mode }),
    ...routes,
  });
  renderWithClient(<App />);
  return fetchMock;
}

async function fill(fields: { email?: string; displayName?: string; password?: string }) {
  const user = userEvent.setup();
  if (fields.email !== undefined) await user.type(await screen.findByLabelText('Email'), fields.email);
  if (fields.displayName !== undefined) await user.type(screen.getByLabelText('Display name'), fields.displayName);
  if (fields.password !== undefined) await user.type(screen.getByLabelText('Password'), fields.password);
  await user.click(screen.getByRole('button', { name: 'Create account' }));
}

const bodyOf = (fetchMock: ReturnType<typeof fakeServer>, url: string) =>
  sentJson(fetchMock.mock.calls.find(([u, init]) => u === url && init?.method === 'POST')?.[1]);

describe('SignUpPage', () => {
  it('states the password rule up front, on a new-password field with Show password', async () => {
    openSignUp('/sign-up');
    const user = userEvent.setup();

    const password = await screen.findByLabelText<HTMLInputElement>('Password');
    expect(password.getAttribute('autocomplete')).toBe('new-password');
    expect(password.type).toBe('password');
    const hint = document.getElementById(password.getAttribute('aria-describedby')!);
    expect(hint?.textContent).toMatch(/^At least 12 characters, and not a commonly used password/);

    await user.click(screen.getByRole('button', { name: 'Show password' }));
    expect(password.type).toBe('text');
    await user.click(screen.getByRole('button', { name: 'Hide password' }));
    expect(password.type).toBe('password');
  });

  it('refuses a short password before asking the server, next to the field', async () => {
    const fetchMock = openSignUp('/sign-up');

    await fill({ email: 'ada@example.com', displayName: 'Ada', password: 'short one' });

    const password = screen.getByLabelText('Password');
    expect(await screen.findByText('Use at least 12 characters.')).toBeTruthy();
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(password);
    expect(fetchMock.mock.calls.some(([url, init]) => url === '/api/auth/signup' && init?.method === 'POST')).toBe(false);
  });

  it("shows the server's field errors next to their fields", async () => {
    openSignUp('/sign-up', {
      'POST /api/auth/signup': () => json(400, {
        title: 'The request has invalid fields',
        status: 400,
        errors: { email: ['Email must be an email address.'], password: ['That password is too common.'] },
      }),
    });

    await fill({ email: 'ada@example.com', displayName: 'Ada', password: 'password1234' });

    const message = await screen.findByText('That password is too common.');
    const password = screen.getByLabelText('Password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-describedby')).toContain(message.id);
    expect(screen.getByText('Email must be an email address.')).toBeTruthy();
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Display name').getAttribute('aria-invalid')).toBeNull();
    // Focus goes to the first field to fix.
    expect(document.activeElement).toBe(screen.getByLabelText('Email'));
  });

  it('says when the email is taken, with a link to sign in that comes back', async () => {
    openSignUp('/sign-up?next=%2Fplans', {
      'POST /api/auth/signup': () => json(409, { title: 'Conflict', status: 409, detail: 'An account already uses this email.' }),
    });

    await fill({ email: 'ada@example.com', displayName: 'Ada', password: 'correct horse battery' });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('An account already uses this email. Sign in instead');
    expect(within(alert).getByRole('link', { name: 'Sign in instead' }).getAttribute('href')).toBe('/sign-in?next=%2Fplans');
  });

  it('signs the new account in and goes on to the page it came for', async () => {
    const fetchMock = openSignUp('/sign-up', { 'POST /api/auth/signup': () => json(201, ada) });

    await fill({ email: ' ada@example.com ', displayName: ' Ada Lovelace ', password: 'correct horse battery' });

    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Welcome, Ada Lovelace');
    expect(window.location.pathname).toBe('/');
    expect(bodyOf(fetchMock, '/api/auth/signup')).toEqual({
      email: 'ada@example.com',
      displayName: 'Ada Lovelace',
      password: 'correct horse battery',
    });
    const signUp = fetchMock.mock.calls.find(([url, init]) => url === '/api/auth/signup' && init?.method === 'POST');
    expect(new Headers(signUp?.[1]?.headers).get('X-CSRF-Token')).toBe('abc');
  });

  it('accepts an invitation in the same request and lands on its plan', async () => {
    const fetchMock = openSignUp('/sign-up?invitation=tok-1', {
      'GET /api/invitations/tok-1': () => json(200, {
        planId: 1, planTitle: 'Pet sitting marketplace', role: 'editor', invitedBy: 'Grace Hopper',
        expiresAt: '2030-01-01T00:00:00Z', email: 'ada@example.com',
      }),
      'POST /api/auth/signup': () => json(201, ada),
      'GET /api/feature-flags/user/features': () => json(200, { features: ['action_plan_customization'] }),
      'GET /api/plans/1': () => json(200, samplePlan(), { ETag: '"5"' }),
      'GET /api/plans/1/progress': () => json(404, { title: 'Not found' }),
    }, 'invite');

    expect(await screen.findByText(/Grace Hopper invited you to edit “Pet sitting marketplace”\./)).toBeTruthy();
    // The invitation names the email: it is filled in.
    await waitFor(() => expect(screen.getByLabelText<HTMLInputElement>('Email').value).toBe('ada@example.com'));
    await fill({ displayName: 'Ada Lovelace', password: 'correct horse battery' });

    expect(await screen.findByRole('heading', { level: 1, name: 'Pet sitting marketplace' })).toBeTruthy();
    expect(window.location.pathname).toBe('/plans/1');
    expect(bodyOf(fetchMock, '/api/auth/signup')).toMatchObject({ email: 'ada@example.com', invitation: 'tok-1' });
  });

  it('offers no form while sign-up is closed, or by invitation only without one', async () => {
    openSignUp('/sign-up', {}, 'closed');
    expect(await screen.findByText('New accounts cannot be created right now.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Create account' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/sign-in');
  });

  it('asks for an invitation when sign-up is by invitation only', async () => {
    openSignUp('/sign-up', {}, 'invite');
    expect(await screen.findByText(/Accounts are by invitation only/)).toBeTruthy();
    expect(screen.queryByLabelText('Password')).toBeNull();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { samplePlan } from '../../test/plans';
import { renderWithClient } from '../../test/render';
import { ada, fakeServer, json, type Handler } from '../../test/server';

const preview = {
  planId: 1,
  planTitle: 'Pet sitting marketplace',
  role: 'editor',
  invitedBy: 'Grace Hopper',
  expiresAt: '2030-01-01T12:00:00Z',
};

const features = () => json(200, { features: ['action_plan_customization'] });

/** The app at /invitations/tok-1, signed in as Ada or signed out. */
function openInvitation(signedIn: boolean, routes: Record<string, Handler> = {}) {
  window.history.replaceState(null, '', '/invitations/tok-1');
  document.cookie = 'unbuilt_csrf=abc; path=/';
  const fetchMock = fakeServer({
    'GET /api/me': () => (signedIn ? json(200, ada) : json(401, { title: 'Not signed in', status: 401 })),
    'GET /api/auth/signup': () => json(200, { mode: 'invite' }),
    'GET /api/feature-flags/user/features': features,
    'GET /api/invitations/tok-1': () => json(200, preview),
    ...routes,
  });
  const { client } = renderWithClient(<App />);
  return { fetchMock, client };
}

describe('InvitationPage', () => {
  it('shows a signed-out visitor who invited them to what, with Create an account and Sign in', async () => {
    openInvitation(false);

    expect(await screen.findByRole('heading', { level: 1, name: 'Join “Pet sitting marketplace”' })).toBeTruthy();
    expect(screen.getByText('Grace Hopper invited you to edit “Pet sitting marketplace”.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Create an account' }).getAttribute('href')).toBe('/sign-up?invitation=tok-1');
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/sign-in?next=%2Finvitations%2Ftok-1');
  });

  it('offers no account creation while sign-up is closed', async () => {
    const { client } = openInvitation(false, { 'GET /api/auth/signup': () => json(200, { mode: 'closed' }) });

    await screen.findByRole('link', { name: 'Sign in' });
    await waitFor(() => expect(client.getQueryData(['sign-up-mode'])).toBe('closed'));
    expect(screen.queryByRole('link', { name: 'Create an account' })).toBeNull();
  });

  it('signs in, comes back, joins the plan and opens it', async () => {
    let signedIn = false;
    const { fetchMock } = openInvitation(false, {
      'GET /api/me': () => (signedIn ? json(200, ada) : json(401, { title: 'Not signed in', status: 401 })),
      'POST /api/auth/login': () => {
        signedIn = true;
        return json(200, ada);
      },
      'POST /api/invitations/tok-1/accept': () => json(200, { planId: 1, role: 'editor' }),
      'GET /api/plans': () => json(200, []),
      'GET /api/plans/1': () => json(200, samplePlan(), { ETag: '"5"' }),
      'GET /api/plans/1/progress': () => json(404, { title: 'Not found' }),
    });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('link', { name: 'Sign in' }));
    expect(window.location.pathname).toBe('/sign-in');
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await user.click(await screen.findByRole('button', { name: 'Join plan' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Pet sitting marketplace' })).toBeTruthy();
    expect(window.location.pathname).toBe('/plans/1');
    const accept = fetchMock.mock.calls.find(([url]) => url === '/api/invitations/tok-1/accept');
    expect(new Headers(accept?.[1]?.headers).get('X-CSRF-Token')).toBe('abc');
  });

  it.each([
    [404, 'Invitation not found', /This invitation link is not valid/],
    [410, 'Invitation no longer valid', /This invitation has expired or has already been used/],
  ])('explains a %i for the link itself', async (status, heading, text) => {
    openInvitation(true, { 'GET /api/invitations/tok-1': () => json(status, { title: 'Gone', status }) });

    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeTruthy();
    expect(screen.getByText(text)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Join plan' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Go to your plans' })).toBeTruthy();
  });

  it.each([
    [403, { ...preview, email: 'grace@example.com' }, 'This invitation is for grace@example.com. Sign out, then sign in with that address to use it.'],
    [409, preview, 'You own this plan already. Open the plan'],
    [410, preview, 'This invitation has expired or has already been used. Ask Grace Hopper for a new link.'],
  ])('explains a %i when joining', async (status, shown, message) => {
    openInvitation(true, {
      'GET /api/invitations/tok-1': () => json(200, shown),
      'POST /api/invitations/tok-1/accept': () => json(status, { title: 'Refused', status }),
    });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Join plan' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(message);
    if (status === 409) expect(within(alert).getByRole('link', { name: 'Open the plan' }).getAttribute('href')).toBe('/plans/1');
    expect(window.location.pathname).toBe('/invitations/tok-1');
  });

  it('warns before joining when the invitation names another email', async () => {
    openInvitation(true, { 'GET /api/invitations/tok-1': () => json(200, { ...preview, email: 'grace@example.com' }) });

    expect(await screen.findByText(/This invitation is for/)).toBeTruthy();
    expect(screen.getByText(/This invitation is for/).textContent).toBe(
      'This invitation is for grace@example.com, and you are signed in as ada@example.com.');
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { latestHub } from '../test/hub';
import { renderWithClient } from '../test/render';
import { ada, fakeServer, json } from '../test/server';
import { App } from './App';

describe('App', () => {
  it('shows a loading state, then the home page with name and tier after /api/me', async () => {
    fakeServer({ 'GET /api/me': () => json(200, ada) });
    renderWithClient(<App />);

    expect(screen.getByRole('status').textContent).toContain('Loading');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Welcome, Ada Lovelace');
    const header = screen.getByRole('banner');
    expect(within(header).getByText('Ada Lovelace')).toBeTruthy();
    expect(within(header).getByText('Pro')).toBeTruthy();
    expect(screen.getByText(/You are on the/).textContent).toBe('You are on the Pro tier.');
    expect(within(header).getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(within(header).queryByRole('link', { name: 'Admin' })).toBeNull();
  });

  it('has an account menu (the phone header) with the full name, email and tier, and Sign out', async () => {
    document.cookie = 'unbuilt_csrf=abc; path=/';
    const fetchMock = fakeServer({
      'GET /api/me': () => json(200, { ...ada, displayName: 'Ada King, Countess of Lovelace' }),
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
      'GET /api/auth/signup': () => json(200, { mode: 'closed' }),
    });
    renderWithClient(<App />);
    const user = userEvent.setup();

    const button = await within(await screen.findByRole('banner')).findByRole('button', { name: 'Account: Ada King, Countess of Lovelace' });
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    await user.click(button);

    const menu = screen.getByRole('menu', { name: 'Account: Ada King, Countess of Lovelace' });
    const panel = menu.parentElement!;
    expect(within(panel).getByText('Ada King, Countess of Lovelace').className).toBe('account-menu__name');
    expect(within(panel).getByText('ada@example.com')).toBeTruthy();
    expect(within(panel).getByText('Pro')).toBeTruthy();
    expect(document.activeElement).toBe(within(menu).getByRole('menuitem', { name: 'Sign out' }));

    await user.click(within(menu).getByRole('menuitem', { name: 'Sign out' }));

    expect(await screen.findByLabelText('Email')).toBeTruthy();
    expect(fetchMock.mock.calls.some(([url]) => url === '/api/auth/logout')).toBe(true);
  });

  it('shows the Admin link to admins only', async () => {
    fakeServer({ 'GET /api/me': () => json(200, { ...ada, role: 'admin', tier: 'enterprise' }) });
    renderWithClient(<App />);

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Admin' }).getAttribute('href')).toBe('/admin');
    expect(within(screen.getByRole('banner')).getByText('Enterprise')).toBeTruthy();
  });

  it('hides the admin page from other users', async () => {
    window.history.replaceState(null, '', '/admin');
    fakeServer({ 'GET /api/me': () => json(200, ada) });
    renderWithClient(<App />);

    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Page not found');
  });

  it('shows the sign-in form when /api/me answers 401, and home after signing in', async () => {
    fakeServer({
      'GET /api/me': () => json(401, { title: 'Not signed in', status: 401, detail: 'Sign in first.' }),
      'POST /api/auth/login': () => json(200, ada),
    });
    renderWithClient(<App />);
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'secret');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Welcome, Ada Lovelace');
  });

  it('signs out back to the sign-in form', async () => {
    document.cookie = 'unbuilt_csrf=abc; path=/';
    const fetchMock = fakeServer({
      'GET /api/me': () => json(200, ada),
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
    });
    renderWithClient(<App />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByLabelText('Email')).toBeTruthy();
    const logout = fetchMock.mock.calls.find(([url]) => url === '/api/auth/logout');
    expect(new Headers(logout?.[1]?.headers).get('X-CSRF-Token')).toBe('abc');
  });

  it('shows a message and a retry button when /api/me fails', async () => {
    fakeServer({
      'GET /api/me': () => json(500, { title: 'Server error', status: 500, detail: 'The database is not reachable.' }),
    });
    renderWithClient(<App />);

    expect((await screen.findByRole('alert')).textContent).toBe('The database is not reachable.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('shows Plans while the feature is on and hides it live when it is rolled back; Search stays', async () => {
    fakeServer({
      'GET /api/me': () => json(200, ada),
      'GET /api/feature-flags/user/features': () => json(200, { features: ['action_plan_customization'] }),
    });
    renderWithClient(<App />);

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(await within(nav).findByRole('link', { name: 'Plans' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Search' })).toBeTruthy();

    act(() => latestHub().emit('FeatureChanged', { name: 'action_plan_customization', enabled: false }));

    await waitFor(() => expect(within(nav).queryByRole('link', { name: 'Plans' })).toBeNull());
    expect(within(nav).getByRole('link', { name: 'Search' })).toBeTruthy();
  });

  it('shows a calm notice instead of a plan page while the feature is off', async () => {
    window.history.replaceState(null, '', '/plans');
    fakeServer({
      'GET /api/me': () => json(200, ada),
      'GET /api/feature-flags/user/features': () => json(200, { features: [] }),
      'GET /api/plans': () => json(404, { title: 'Not found', feature: 'action_plan_customization', reason: 'DISABLED' }),
    });
    renderWithClient(<App />);

    expect(await screen.findByRole('heading', { level: 1, name: 'Action plans are not on your account yet' })).toBeTruthy();
    expect(screen.getByText('Action plans are rolling out; they are not yet available on your account.')).toBeTruthy();
    expect(screen.queryByText(/temporarily unavailable|making some changes/)).toBeNull();
  });

  it('says plainly that plans are rolling out on a plan link, while search stays open', async () => {
    window.history.replaceState(null, '', '/plans/7');
    fakeServer({
      'GET /api/me': () => json(200, ada),
      'GET /api/feature-flags/user/features': () => json(200, { features: [] }),
      'GET /api/plans/7': () => json(404, { title: 'Not found', feature: 'action_plan_customization', reason: 'DISABLED' }),
    });
    renderWithClient(<App />);

    expect(await screen.findByRole('heading', { level: 1, name: 'Action plans are not on your account yet' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'search for a market gap' }).getAttribute('href')).toBe('/search');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Search' })).toBeTruthy();
    expect(within(nav).queryByRole('link', { name: 'Plans' })).toBeNull();
  });

  it('gives the home card the reason, as text rather than a link, while plans are off', async () => {
    window.history.replaceState(null, '', '/');
    fakeServer({
      'GET /api/me': () => json(200, ada),
      'GET /api/feature-flags/user/features': () => json(200, { features: [] }),
    });
    renderWithClient(<App />);

    const reason = await screen.findByText('Action plans are rolling out; they are not yet available on your account.');
    const card = reason.closest('article')!;
    expect(within(card).queryByRole('link')).toBeNull();
    expect(reason.className).toBe('unavailable-reason');
    expect(screen.queryByText('Not available to you yet')).toBeNull();
    expect(screen.getByRole('link', { name: 'Search for gaps' })).toBeTruthy();
  });

  it('calls plans temporarily unavailable only when they were on during this visit and were rolled back', async () => {
    window.history.replaceState(null, '', '/plans');
    fakeServer({
      'GET /api/me': () => json(200, ada),
      'GET /api/feature-flags/user/features': () => json(200, { features: ['action_plan_customization'] }),
      'GET /api/plans': () => json(200, []),
    });
    renderWithClient(<App />);
    await screen.findByText('You have no plans yet.');

    act(() => latestHub().emit('FeatureChanged', { name: 'action_plan_customization', enabled: false }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Action plans are temporarily unavailable' })).toBeTruthy();
  });

  it('requests the plan of a plan URL alongside /api/me, not after it', async () => {
    window.history.replaceState(null, '', '/plans/7');
    const fetchMock = fakeServer({
      'GET /api/me': () => new Promise<Response>(() => {}),
      'GET /api/plans/7': () => json(404, { title: 'Not found', detail: 'There is no plan 7.' }),
    });
    renderWithClient(<App />);

    await waitFor(() => expect(fetchMock.mock.calls.map(([url]) => url).sort()).toEqual(['/api/me', '/api/plans/7']));
  });

  it('shows the sign-in page with the server’s message when the session ends, and does not reconnect', async () => {
    window.history.replaceState(null, '', '/searches');
    fakeServer({
      'GET /api/me': () => json(200, ada),
      'GET /api/feature-flags/user/features': () => json(200, { features: [] }),
      'GET /api/searches': () => json(200, []), // search is open while the plans feature is off
      'GET /api/auth/signup': () => json(200, { mode: 'closed' }),
    });
    renderWithClient(<App />);
    await screen.findByRole('button', { name: 'Sign out' });
    const hub = latestHub();
    await waitFor(() => expect(hub.state).toBe('Connected'));

    act(() => hub.emit('SignedOut', { reason: 'password-changed', message: 'Your password was changed: sign in again.' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Your password was changed: sign in again.');
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByRole('banner')).toBeNull();
    expect(hub.state).toBe('Disconnected');
    expect(hub.starts).toBe(1);
    // Signing in again comes back to the page that was open.
    expect(window.location.pathname).toBe('/searches');
  });
});

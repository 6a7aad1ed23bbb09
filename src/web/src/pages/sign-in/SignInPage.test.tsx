import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithClient } from '../../test/render';
import { ada, fakeServer, json, sentJson } from '../../test/server';
import { SignInPage } from './SignInPage';

async function fillAndSubmit(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Email'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInPage', () => {
  it("shows the server's detail when the credentials are wrong", async () => {
    const fetchMock = fakeServer({
      'POST /api/auth/login': () =>
        json(401, { title: 'Not signed in', status: 401, detail: 'Email or password is wrong.' }),
    });
    renderWithClient(<SignInPage />);

    await fillAndSubmit('ada@example.com', 'wrong');

    expect((await screen.findByRole('alert')).textContent).toBe('Email or password is wrong.');
    const login = fetchMock.mock.calls.find(([url]) => url === '/api/auth/login');
    expect(sentJson(login?.[1])).toEqual({
      email: 'ada@example.com',
      password: 'wrong',
    });
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Sign in' }).disabled).toBe(false);
  });

  it('disables the button while signing in', async () => {
    let answer: (response: Response) => void = () => {};
    fakeServer({ 'POST /api/auth/login': () => new Promise<Response>((resolve) => (answer = resolve)) });
    const { client } = renderWithClient(<SignInPage />);

    await fillAndSubmit('ada@example.com', 'secret');

    const button = screen.getByRole<HTMLButtonElement>('button', { name: 'Sign in' });
    expect(button.disabled).toBe(true);
    answer(json(200, ada));
    await vi.waitFor(() => expect(client.getQueryData(['me'])).toEqual(ada));
  });

  it('shows field errors next to their inputs', async () => {
    fakeServer({
      'POST /api/auth/login': () =>
        json(400, {
          title: 'The request has invalid fields',
          status: 400,
          errors: { email: ['Email must be an email address.'] },
        }),
    });
    renderWithClient(<SignInPage />);

    await fillAndSubmit('ada@example.com', 'secret');

    const message = await screen.findByText('Email must be an email address.');
    const email = screen.getByLabelText('Email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.getAttribute('aria-describedby')).toBe(message.id);
  });

  it('links to sign-up when anyone may sign up, carrying the page to come back to', async () => {
    window.history.replaceState(null, '', '/plans/7');
    fakeServer({ 'GET /api/auth/signup': () => json(200, { mode: 'open' }) });
    renderWithClient(<SignInPage />);

    const link = await screen.findByRole('link', { name: 'Create an account' });
    expect(link.getAttribute('href')).toBe('/sign-up?next=%2Fplans%2F7');
  });

  it('hides sign-up when it is by invitation only, unless the visitor is on the way to an invitation', async () => {
    fakeServer({ 'GET /api/auth/signup': () => json(200, { mode: 'invite' }) });
    const first = renderWithClient(<SignInPage />);
    await waitFor(() => expect(first.client.getQueryData(['sign-up-mode'])).toBe('invite'));
    expect(screen.queryByRole('link', { name: 'Create an account' })).toBeNull();
    first.unmount();

    window.history.replaceState(null, '', '/sign-in?next=%2Finvitations%2Fabc');
    renderWithClient(<SignInPage />);
    const link = await screen.findByRole('link', { name: 'Create an account' });
    expect(link.getAttribute('href')).toBe('/sign-up?invitation=abc&next=%2Finvitations%2Fabc');
  });

  it('never links to sign-up while it is closed', async () => {
    window.history.replaceState(null, '', '/sign-in?next=%2Finvitations%2Fabc');
    fakeServer({ 'GET /api/auth/signup': () => json(200, { mode: 'closed' }) });
    const { client } = renderWithClient(<SignInPage />);

    await waitFor(() => expect(client.getQueryData(['sign-up-mode'])).toBe('closed'));
    expect(screen.queryByRole('link', { name: 'Create an account' })).toBeNull();
  });
});

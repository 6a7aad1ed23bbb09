import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Flag } from '../../api/adminTypes';
import { renderWithClient } from '../../test/render';
import { fakeServer, json, urlOf } from '../../test/server';
import { FlagsPage } from './FlagsPage';
import { nameError } from './NewFlagDialog';

const flag: Flag = {
  name: 'old_search', description: 'The old search.', enabled: true, rolloutPercentage: 100, allowedTiers: [],
  allowedUserIds: [], createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z', phase: 'general',
  phaseStartedAt: null, guardPolicy: 'alert', blockedUserIds: [], rolloutPlan: null, state: 'on', archivedAt: null,
  lastEvaluatedAt: '2025-03-01T10:00:00Z', steadySince: '2025-01-01T00:00:00Z', readyToRemove: true, health: 'healthy', segments: [],
};

function serve(routes: Record<string, (init: RequestInit) => Response> = {}) {
  document.cookie = 'unbuilt_csrf=abc; path=/';
  return fakeServer({
    'GET /api/feature-flags': () => json(200, [flag]),
    'GET /api/feature-flags?archived=true': () => json(200, [flag, { ...flag, name: 'gone_flag', state: 'archived', readyToRemove: false }]),
    ...routes,
  });
}

describe('FlagsPage', () => {
  it('shows state, phase, rollout, last evaluated and the ready to remove badge, and archived flags on request', async () => {
    const fetchMock = serve();
    renderWithClient(<FlagsPage />);
    const user = userEvent.setup();

    const item = (await screen.findByRole('link', { name: 'old_search' })).closest('li')!;
    expect(within(item).getByText('Ready to remove')).toBeTruthy();
    expect(within(item).getByText('On')).toBeTruthy();
    expect(item.textContent).toContain('general');
    expect(item.textContent).toContain('100%');
    expect(item.textContent).toContain('Healthhealthy');
    expect(item.textContent).not.toContain('Never');
    expect(screen.queryByRole('link', { name: 'gone_flag' })).toBeNull();

    await user.click(screen.getByRole('checkbox', { name: 'Show archived' }));
    expect(await screen.findByRole('link', { name: 'gone_flag' })).toBeTruthy();
    expect(fetchMock.mock.calls.some(([url]) => urlOf(url) === '/api/feature-flags?archived=true')).toBe(true);
  });

  it('creates a flag with If-None-Match: * and says when the name is taken', async () => {
    const fetchMock = serve({
      'POST /api/feature-flags': () => json(409, { title: 'Conflict', status: 409, detail: 'taken', code: 'FLAG_EXISTS' }),
    });
    renderWithClient(<FlagsPage />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'New flag' }));
    const dialog = screen.getByRole('dialog', { name: 'New flag' });
    await user.click(within(dialog).getByRole('button', { name: 'Create flag' }));
    expect(within(dialog).getByText('Enter a name.')).toBeTruthy();
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Old Search');
    await user.click(within(dialog).getByRole('button', { name: 'Create flag' }));
    expect(within(dialog).getByText(/only a–z, 0–9 and _/)).toBeTruthy();
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'old_search');
    await user.click(within(dialog).getByRole('button', { name: 'Create flag' }));

    expect(await within(dialog).findByText(/A flag named “old_search” already exists/)).toBeTruthy();
    const post = fetchMock.mock.calls.find(([url, init]) => init?.method === 'POST' && urlOf(url) === '/api/feature-flags');
    expect(new Headers(post?.[1]?.headers).get('If-None-Match')).toBe('*');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
  });

  it('checks names as the server does', () => {
    expect(nameError('new_export')).toBeNull();
    expect(nameError('cache')).toContain('reserved');
    expect(nameError('a'.repeat(101))).toContain('100');
  });
});

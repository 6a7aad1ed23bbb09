import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Invitation, Member } from '../../api/types';
import { App } from '../../app/App';
import { latestHub } from '../../test/hub';
import { change, samplePlan } from '../../test/plans';
import { renderWithClient } from '../../test/render';
import { ada, fakeServer, json, sentJson, type Handler } from '../../test/server';

const owner: Member = { userId: 1, email: ada.email, displayName: 'Ada Lovelace', role: 'owner', addedAt: '2025-01-01T00:00:00Z' };
const grace: Member = { userId: 2, email: 'grace@example.com', displayName: 'Grace Hopper', role: 'editor', addedAt: '2025-01-02T00:00:00Z' };
const pending: Invitation = {
  id: 7, role: 'viewer', email: 'alan@example.com', createdAt: '2025-02-01T10:00:00Z', expiresAt: '2025-02-08T10:00:00Z',
  createdBy: { id: 1, displayName: 'Ada Lovelace' },
};
const created = {
  id: 8, token: 'tok-8', url: 'https://unbuilt.example/invitations/tok-8', role: 'viewer', email: 'linus@example.com',
  createdAt: '2025-02-02T10:00:00Z', expiresAt: '2025-02-09T10:00:00Z',
};

/** Plan 1 open as Ada, its owner unless `role` says otherwise; members and invitations answer from the arrays. */
function openPlan(routes: Record<string, Handler> = {}, role = 'owner') {
  window.history.replaceState(null, '', '/plans/1');
  document.cookie = 'unbuilt_csrf=abc; path=/';
  const state = { members: [owner, grace], invitations: [pending] };
  const fetchMock = fakeServer({
    'GET /api/me': () => json(200, ada),
    'GET /api/feature-flags/user/features': () => json(200, { features: ['action_plan_customization'] }),
    'GET /api/plans/1': () => json(200, { ...samplePlan(), role }, { ETag: '"5"' }),
    'GET /api/plans/1/progress': () => json(404, { title: 'Not found' }),
    'GET /api/plans/1/members': () => json(200, state.members),
    'GET /api/plans/1/invitations': () => json(200, state.invitations),
    ...routes,
  });
  renderWithClient(<App />);
  return { fetchMock, state };
}

async function openShare() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Share' }));
  const dialog = screen.getByRole('dialog', { name: 'Share “Pet sitting marketplace”' });
  await within(dialog).findByText('Grace Hopper');
  return { user, dialog };
}

const callsTo = (fetchMock: ReturnType<typeof fakeServer>, method: string, url: string) =>
  fetchMock.mock.calls.filter(([u, init]) => u === url && (init?.method ?? 'GET') === method);

describe('Share dialog', () => {
  it('creates an invitation link for a role and an email, and copies it', async () => {
    const { fetchMock } = openPlan({ 'POST /api/plans/1/invitations': () => json(201, created) });
    const { user, dialog } = await openShare();
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Role'));

    await user.selectOptions(within(dialog).getByLabelText('Role'), 'viewer');
    await user.type(within(dialog).getByLabelText('Email (optional)'), 'linus@example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Create link' }));

    const link = await within(dialog).findByLabelText<HTMLInputElement>('Invitation link');
    expect(link.value).toBe(created.url);
    expect(link.readOnly).toBe(true);
    const copy = within(dialog).getByRole('button', { name: 'Copy link' });
    expect(document.activeElement).toBe(copy);
    const [post] = callsTo(fetchMock, 'POST', '/api/plans/1/invitations');
    expect(sentJson(post?.[1])).toEqual({ role: 'viewer', email: 'linus@example.com' });
    expect(new Headers(post?.[1]?.headers).get('X-CSRF-Token')).toBe('abc');

    await user.click(copy);

    expect(await navigator.clipboard.readText()).toBe(created.url);
    expect(within(dialog).getByText('Link copied').getAttribute('role')).toBe('status');
    await waitFor(() => expect(callsTo(fetchMock, 'GET', '/api/plans/1/invitations')).toHaveLength(2));
  });

  it('selects the link to copy by hand when the clipboard is refused', async () => {
    openPlan({ 'POST /api/plans/1/invitations': () => json(201, { ...created, email: null }) });
    const { user, dialog } = await openShare();
    await user.click(within(dialog).getByRole('button', { name: 'Create link' }));
    const link = await within(dialog).findByLabelText<HTMLInputElement>('Invitation link');
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('Not allowed', 'NotAllowedError'));

    await user.click(within(dialog).getByRole('button', { name: 'Copy link' }));

    expect(await within(dialog).findByText('Copy the selected link with Ctrl+C.')).toBeTruthy();
    expect(document.activeElement).toBe(link);
    expect([link.selectionStart, link.selectionEnd]).toEqual([0, created.url.length]);
  });

  it('revokes a pending invitation', async () => {
    const { fetchMock, state } = openPlan({
      'DELETE /api/plans/1/invitations/7': () => {
        state.invitations = [];
        return new Response(null, { status: 204 });
      },
    });
    const { user, dialog } = await openShare();
    const list = within(dialog).getByRole('list', { name: 'Pending invitations' });
    expect(within(list).getByText('alan@example.com')).toBeTruthy();

    await user.click(within(list).getByRole('button', { name: 'Revoke invitation for alan@example.com' }));

    expect(await within(dialog).findByText('Invitation for alan@example.com revoked.')).toBeTruthy();
    expect(within(dialog).queryByText('alan@example.com')).toBeNull();
    expect(document.activeElement).toBe(within(dialog).getByRole('heading', { name: 'Pending invitations' }));
    expect(callsTo(fetchMock, 'DELETE', '/api/plans/1/invitations/7')).toHaveLength(1);
  });

  it("changes a member's role", async () => {
    const { fetchMock, state } = openPlan({
      'POST /api/plans/1/members': () => {
        state.members = [owner, { ...grace, role: 'viewer' }];
        return json(202, { email: grace.email, role: 'viewer', detail: 'Done.' }, { ETag: '"6"' });
      },
    });
    const { user, dialog } = await openShare();
    const members = within(dialog).getByRole('list', { name: 'Members' });
    expect(within(members).getByText('Ada Lovelace (you)')).toBeTruthy();
    expect(within(members).queryByRole('combobox', { name: 'Role of Ada Lovelace' })).toBeNull();

    await user.selectOptions(within(members).getByRole('combobox', { name: 'Role of Grace Hopper' }), 'viewer');

    expect(await within(dialog).findByText('Grace Hopper is now a viewer.')).toBeTruthy();
    const [post] = callsTo(fetchMock, 'POST', '/api/plans/1/members');
    expect(sentJson(post?.[1])).toEqual({ email: 'grace@example.com', role: 'viewer' });
    expect(new Headers(post?.[1]?.headers).get('X-Operation-Id')).toBeTruthy();
    expect(within(members).getByRole<HTMLSelectElement>('combobox', { name: 'Role of Grace Hopper' }).value).toBe('viewer');
  });

  it('removes a member once confirmed; Escape on the question closes only the question', async () => {
    const { fetchMock, state } = openPlan({
      'DELETE /api/plans/1/members/2': () => {
        state.members = [owner];
        return new Response(null, { status: 204, headers: { ETag: '"6"' } });
      },
    });
    const { user, dialog } = await openShare();

    await user.click(within(dialog).getByRole('button', { name: 'Remove Grace Hopper' }));
    const confirm = screen.getByRole('dialog', { name: 'Remove Grace Hopper?' });
    act(() => void confirm.dispatchEvent(new Event('cancel', { cancelable: true })));
    expect(screen.queryByRole('dialog', { name: 'Remove Grace Hopper?' })).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Share “Pet sitting marketplace”' })).toBeTruthy();
    expect(callsTo(fetchMock, 'DELETE', '/api/plans/1/members/2')).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: 'Remove Grace Hopper' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Remove Grace Hopper?' })).getByRole('button', { name: 'Remove' }));

    expect(await within(dialog).findByText('Grace Hopper was removed from the plan.')).toBeTruthy();
    expect(screen.queryByRole('dialog', { name: 'Remove Grace Hopper?' })).toBeNull();
    expect(within(within(dialog).getByRole('list', { name: 'Members' })).queryByText('Grace Hopper')).toBeNull();
    expect(document.activeElement).toBe(within(dialog).getByRole('heading', { name: 'Members' }));
    expect(callsTo(fetchMock, 'DELETE', '/api/plans/1/members/2')).toHaveLength(1);
  });

  it('shows a new member live when someone accepts an invitation', async () => {
    const { state } = openPlan({
      'GET /api/plans/1/changes?since=5': () => json(200, { planId: 1, version: 5, changes: [], hasMore: false }),
    });
    const { dialog } = await openShare();
    const hub = latestHub();
    await waitFor(() => expect(hub.invocations.some((i) => i.method === 'Resume')).toBe(true));
    const linus: Member = { userId: 3, email: 'linus@example.com', displayName: 'Linus', role: 'viewer', addedAt: '2025-02-03T00:00:00Z' };
    state.members = [owner, grace, linus];

    act(() => hub.emit('PlanEvent', change(6, [
      { action: 'member.added', taskId: null, before: null, after: { userId: 3, role: 'viewer' }, note: null },
    ], { type: 'member.added', actorId: 3 })));

    expect(await within(within(dialog).getByRole('list', { name: 'Members' })).findByText('Linus')).toBeTruthy();
  });

  it('is the owner’s: an editor gets Leave plan instead, which confirms and goes to the plans list', async () => {
    const { fetchMock } = openPlan({
      'DELETE /api/plans/1/members/1': () => new Response(null, { status: 204 }),
      'GET /api/plans': () => json(200, []),
    }, 'editor');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Leave plan' }));
    expect(screen.queryByRole('button', { name: 'Share' })).toBeNull();
    const confirm = screen.getByRole('dialog', { name: 'Leave “Pet sitting marketplace”?' });
    await user.click(within(confirm).getByRole('button', { name: 'Leave plan' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Your action plans' })).toBeTruthy();
    expect(window.location.pathname).toBe('/plans');
    expect(callsTo(fetchMock, 'DELETE', '/api/plans/1/members/1')).toHaveLength(1);
  });
});

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Segment } from '../../api/adminTypes';
import { renderWithClient } from '../../test/render';
import { fakeServer, json, sentJson } from '../../test/server';
import { SegmentsPage } from './SegmentsPage';
import { listOf, rulesOf } from './segmentText';

const internal: Segment = {
  id: 1, name: 'internal', description: 'Our staff', userIds: [], emailDomains: ['unbuilt.io'], tiers: [],
  minAccountAgeDays: null, createdAt: '2026-12-03T08:00:00Z', updatedAt: '2026-12-03T08:00:00Z',
  usedBy: ['action_plan_customization (phase internal)'],
};

describe('SegmentsPage', () => {
  it('lists segments with their rules and who targets them', async () => {
    fakeServer({ 'GET /api/segments': () => json(200, [internal]) });
    renderWithClient(<SegmentsPage />);

    const card = (await screen.findByRole('heading', { name: 'internal' })).closest('li')!;
    expect(card.textContent).toContain('email domain unbuilt.io');
    expect(card.textContent).toContain('Targeted by action_plan_customization (phase internal).');
    expect(within(card).getByText('in use')).toBeTruthy();
  });

  it('shows a segment’s history with who, what and why', async () => {
    fakeServer({
      'GET /api/segments': () => json(200, [internal]),
      'GET /api/segments/1/history': () => json(200, [
        {
          id: 2, action: 'update', actor: 'root@example.com (cli)', actorUserId: 1, reason: 'the partner tests it too',
          before: {}, after: {}, createdAt: '2026-12-03T09:00:00Z',
          changes: [{ field: 'emailDomains', before: ['unbuilt.io'], after: ['partner.example', 'unbuilt.io'] }],
        },
        { id: 1, action: 'create', actor: 'root@example.com', actorUserId: 1, reason: 'dogfooding', before: null, after: {}, createdAt: '2026-12-03T08:00:00Z', changes: [] },
      ]),
    });
    renderWithClient(<SegmentsPage />);

    const toggle = await screen.findByRole('button', { name: 'History of internal' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(toggle);

    expect(await screen.findByText('email domains: unbuilt.io → partner.example, unbuilt.io')).toBeTruthy();
    expect(screen.getByText('Reason: the partner tests it too')).toBeTruthy();
    expect(screen.getByText('Reason: dogfooding')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Hide history of internal' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('creates a segment, showing the server’s field errors beside the fields', async () => {
    const sent: unknown[] = [];
    let answer = 400;
    fakeServer({
      'GET /api/segments': () => json(200, []),
      'POST /api/segments': (init) => {
        sent.push(sentJson(init));
        return answer === 400
          ? json(400, { status: 400, title: 'The request has invalid fields', errors: { emailDomains: ["Not an email domain: 'unbuilt'."] } })
          : json(201, internal);
      },
    });
    renderWithClient(<SegmentsPage />);
    await screen.findByText(/No segments yet/);

    await userEvent.click(screen.getByRole('button', { name: 'New segment' }));
    const dialog = screen.getByRole('dialog', { name: 'New segment' });
    await userEvent.type(within(dialog).getByLabelText('Name'), 'internal');
    await userEvent.type(within(dialog).getByLabelText('Email domains'), 'unbuilt');
    await userEvent.click(within(dialog).getByLabelText('pro'));
    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'dogfooding');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create segment' }));

    expect(await within(dialog).findByText("Not an email domain: 'unbuilt'.")).toBeTruthy();
    expect(within(dialog).getByLabelText('Email domains').getAttribute('aria-invalid')).toBe('true');
    expect(sent[0]).toEqual({
      name: 'internal', description: '', emailDomains: ['unbuilt'], tiers: ['pro'], minAccountAgeDays: 0, userIds: [],
      reason: 'dogfooding',
    });

    answer = 201;
    await userEvent.clear(within(dialog).getByLabelText('Email domains'));
    await userEvent.type(within(dialog).getByLabelText('Email domains'), 'unbuilt.io');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create segment' }));
    expect(await screen.findByText('Segment internal created.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('checks user ids and the age before sending anything', async () => {
    const fetchMock = fakeServer({ 'GET /api/segments': () => json(200, []) });
    renderWithClient(<SegmentsPage />);
    await screen.findByText(/No segments yet/);

    await userEvent.click(screen.getByRole('button', { name: 'New segment' }));
    const dialog = screen.getByRole('dialog', { name: 'New segment' });
    await userEvent.type(within(dialog).getByLabelText('User ids'), '3, seven');
    await userEvent.type(within(dialog).getByLabelText('Minimum account age in days'), '-1');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create segment' }));

    expect(within(dialog).getByText('User ids are whole numbers, separated by commas.')).toBeTruthy();
    expect(within(dialog).getByText('A number of days (0: no age rule).')).toBeTruthy();
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST')).toHaveLength(0);
  });

  it('edits a segment without its name and deletes one after confirming, with the reason', async () => {
    const patched: unknown[] = [];
    let deletedAt = '';
    let list = [internal];
    fakeServer({
      'GET /api/segments': () => json(200, list),
      'PATCH /api/segments/1': (init) => {
        patched.push(sentJson(init));
        return json(200, { ...internal, emailDomains: ['unbuilt.io', 'partner.example'] });
      },
      'DELETE /api/segments/1?reason=not%20needed': () => {
        deletedAt = 'reason';
        list = [];
        return new Response(null, { status: 204 });
      },
    });
    renderWithClient(<SegmentsPage />);

    await userEvent.click(await screen.findByRole('button', { name: 'Edit internal' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit segment internal' });
    expect(within(dialog).queryByLabelText('Name')).toBeNull();
    await userEvent.type(within(dialog).getByLabelText('Email domains'), ', partner.example');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save segment' }));
    expect(await screen.findByText('Segment internal saved.')).toBeTruthy();
    expect(patched[0]).toMatchObject({ emailDomains: ['unbuilt.io', 'partner.example'] });
    expect(patched[0]).not.toHaveProperty('name');

    await userEvent.click(screen.getByRole('button', { name: 'Delete internal' }));
    const confirm = screen.getByRole('dialog', { name: 'Delete segment internal?' });
    await userEvent.type(within(confirm).getByLabelText(/Reason/), 'not needed');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Delete segment' }));
    expect(await screen.findByText(/No segments yet/)).toBeTruthy();
    expect(deletedAt).toBe('reason');
  });

  it('shows why a segment in use cannot be deleted', async () => {
    fakeServer({
      'GET /api/segments': () => json(200, [internal]),
      'DELETE /api/segments/1': () => json(409, {
        status: 409, title: 'Conflict', code: 'SEGMENT_IN_USE',
        detail: "Segment 'internal' is targeted by action_plan_customization (phase internal); remove it there first.",
      }),
    });
    renderWithClient(<SegmentsPage />);

    await userEvent.click(await screen.findByRole('button', { name: 'Delete internal' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete segment' }));

    expect(await within(screen.getByRole('dialog')).findByText(/is targeted by action_plan_customization \(phase internal\)/)).toBeTruthy();
  });
});

describe('segment text', () => {
  it('says the rules as the CLI does and reads typed lists', () => {
    expect(rulesOf({ ...internal, userIds: [3, 7], tiers: ['pro'], minAccountAgeDays: 30 }))
      .toBe('users 3, 7; or email domain unbuilt.io, tier pro, account at least 30 days old');
    expect(rulesOf({ ...internal, emailDomains: [], userIds: [4] })).toBe('users 4');
    expect(listOf(' a.io,b.io  c.io\n')).toEqual(['a.io', 'b.io', 'c.io']);
  });
});

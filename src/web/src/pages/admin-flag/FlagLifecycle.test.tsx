import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Flag, FlagStatus } from '../../api/adminTypes';
import { renderWithClient } from '../../test/render';
import { fakeServer, json, sentJson, urlOf } from '../../test/server';
import { noticeDetails } from '../admin/AdminNotices';
import { FlagHistory } from './FlagHistory';
import { FlagLifecycle } from './FlagLifecycle';
import { healthSentence } from './HealthSummary';
import { RolloutSettings } from './RolloutSettings';

const base = '/api/feature-flags/new_export';
const flag: Flag = {
  name: 'new_export', description: 'Exports as PDF.', enabled: false, rolloutPercentage: 0, allowedTiers: [],
  allowedUserIds: [], createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z', phase: 'init',
  phaseStartedAt: null, guardPolicy: 'alert', blockedUserIds: [], rolloutPlan: null, state: 'off', archivedAt: null,
  lastEvaluatedAt: null, steadySince: null, readyToRemove: false, health: null, segments: [],
};

function serve(routes: Record<string, (init: RequestInit) => Response>) {
  document.cookie = 'unbuilt_csrf=abc; path=/';
  return fakeServer({ 'GET /api/feature-flags/user/features': () => json(200, { features: [] }), ...routes });
}

const calls = (fetchMock: ReturnType<typeof fakeServer>, key: string) =>
  fetchMock.mock.calls.filter(([url, init]) => `${init?.method ?? 'GET'} ${urlOf(url)}` === key);

describe('FlagLifecycle', () => {
  it('archives only after confirmation, sending the reason', async () => {
    const fetchMock = serve({ [`GET ${base}`]: () => json(200, flag), [`POST ${base}/archive`]: () => json(200, { ...flag, state: 'archived' }) });
    renderWithClient(<FlagLifecycle name="new_export" />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Archive…' }));
    const dialog = screen.getByRole('dialog', { name: 'Archive new_export?' });
    expect(dialog.textContent).toContain('evaluates as not found everywhere');
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'shipped to all');
    expect(calls(fetchMock, `POST ${base}/archive`)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Archive' }));

    await waitFor(() => expect(calls(fetchMock, `POST ${base}/archive`)).toHaveLength(1));
    expect(sentJson(calls(fetchMock, `POST ${base}/archive`)[0]?.[1])).toEqual({ reason: 'shipped to all' });
  });

  it('offers restore and a delete that says when it is allowed, for an archived flag', async () => {
    serve({ [`GET ${base}`]: () => json(200, { ...flag, state: 'archived', archivedAt: '2025-02-01T00:00:00Z' }) });
    renderWithClient(<FlagLifecycle name="new_export" />);
    const user = userEvent.setup();

    expect(await screen.findByRole('button', { name: 'Restore' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Edit description' })).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('button', { name: 'Delete…' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete new_export?' });
    expect(dialog.textContent).toContain('only for an archived flag that nothing has evaluated for 7 days');
    expect(dialog.textContent).toContain('Last evaluated: Never');
  });

  it('edits the description', async () => {
    const fetchMock = serve({ [`GET ${base}`]: () => json(200, flag), [`PATCH ${base}`]: () => json(200, flag) });
    renderWithClient(<FlagLifecycle name="new_export" />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Edit description' }));
    const dialog = screen.getByRole('dialog', { name: 'Describe new_export' });
    const box = within(dialog).getByRole('textbox', { name: 'Description' });
    await user.clear(box);
    await user.type(box, 'Exports as PDF and CSV.');
    await user.click(within(dialog).getByRole('button', { name: 'Save description' }));

    await waitFor(() => expect(calls(fetchMock, `PATCH ${base}`)).toHaveLength(1));
    expect(sentJson(calls(fetchMock, `PATCH ${base}`)[0]?.[1])).toEqual({ description: 'Exports as PDF and CSV.' });
  });
});

describe('FlagHistory', () => {
  it('shows each field as before → after, the reason, and people by name and email', async () => {
    serve({
      [`GET ${base}/history`]: () => json(200, [
        { id: 2, action: 'guard_policy', actor: 'ada@example.com', actorUserId: 1, actorName: 'Ada', actorEmail: 'ada@example.com',
          reason: 'too noisy', before: {}, after: {}, createdAt: '2025-02-01T00:00:00Z', user: null,
          changes: [{ field: 'guardPolicy', before: 'alert', after: 'rollback' }] },
        { id: 1, action: 'add_user', actor: 'ada@example.com', actorUserId: 1, actorName: 'Ada', actorEmail: 'ada@example.com',
          reason: null, before: {}, after: {}, createdAt: '2025-01-01T00:00:00Z',
          user: { id: 2, name: 'Grace', email: 'grace@example.com', words: 'Grace (grace@example.com)' },
          changes: [{ field: 'allowedUserIds', before: [], after: [2] }] },
      ]),
    });
    renderWithClient(<FlagHistory name="new_export" />);

    const items = await screen.findAllByRole('listitem');
    const text = items.map((li) => li.textContent).join('\n');
    expect(text).toContain('guard policy: alert → rollback');
    expect(text).toContain('Reason: too noisy');
    expect(text).toContain('by Ada (ada@example.com)');
    expect(text).toContain('add user Grace (grace@example.com) by Ada (ada@example.com)');
    expect(text).toContain('beta users: none → 2');
  });
});

const status: FlagStatus = {
  name: 'new_export', description: '', enabled: true, phase: 'beta', phaseStartedAt: null, timeInPhaseSeconds: null,
  plannedDurationSeconds: null, nextPhase: 'expanded', rolloutPercentage: 10, allowedTiers: [], allowedUserIds: [],
  blockedUserIds: [], createdAt: '', updatedAt: '', guardPolicy: 'alert', phases: ['init', 'beta', 'expanded'],
  health: 'unknown', healthBreaches: [], healthGate: null, healthReading: null, healthRequests: 12, healthMinSamples: 100,
  clientErrors: null, clientErrorRatePercent: null, criteria: null, segments: [],
};

describe('guard policy', () => {
  it('changes only after a confirmation that says the health is unknown', async () => {
    const fetchMock = serve({ [`PATCH ${base}`]: () => json(200, flag) });
    renderWithClient(<RolloutSettings status={status} />);
    const user = userEvent.setup();

    await user.selectOptions(screen.getByRole('combobox', { name: 'When a threshold breaks during rollout' }), 'rollback');
    const dialog = screen.getByRole('dialog', { name: 'Change what the guard does?' });
    expect(dialog.textContent).toContain('Alert the admins → Roll back');
    expect(dialog.textContent).toContain('Health is unknown: 12 of the 100 requests needed to judge it.');
    expect(calls(fetchMock, `PATCH ${base}`)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Change guard policy' }));

    await waitFor(() => expect(calls(fetchMock, `PATCH ${base}`)).toHaveLength(1));
    expect(sentJson(calls(fetchMock, `PATCH ${base}`)[0]?.[1])).toEqual({ guardPolicy: 'rollback' });
  });

  it('says plainly when nothing measures the health', () => {
    expect(healthSentence({ ...status, healthRequests: null })).toBe(
      'Health is unknown: no operation is gated by this flag, so nothing measures it.');
  });
});

describe('admin notices', () => {
  it('do not repeat what the message already says', () => {
    expect(noticeDetails('Guard: error rate 2% is not below 0.5% on new_export', ['error rate 2% is not below 0.5%', 'rolled back']))
      .toEqual(['rolled back']);
  });
});

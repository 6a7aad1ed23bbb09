import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, sentJson } from '../../test/server';
import { base, calls, renderFlag, status } from './flagPageSetup';

describe('FlagPage', () => {
  it('shows the phase stepper at the current phase, the beta users by email, and the history', async () => {
    renderFlag();
    const stepper = await screen.findByRole('list', { name: 'Rollout phases' });
    expect(within(stepper).getAllByRole('listitem').find((li) => li.getAttribute('aria-current') === 'step')?.textContent).toContain('beta');
    expect(await screen.findByRole('button', { name: 'Remove grace@example.com (#2, pro)' })).toBeTruthy();
    expect(screen.getByText('deploy beta', { exact: false })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Advance to expanded' })).toBeTruthy();
  });

  it('rolls back only after confirmation', async () => {
    const fetchMock = renderFlag({ [`POST ${base}/rollback`]: () => json(200, {}) });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Roll back' }));
    const dialog = screen.getByRole('dialog', { name: 'Roll back action_plan_customization?' });
    expect(calls(fetchMock, `POST ${base}/rollback`)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Roll back' }));

    await waitFor(() => expect(calls(fetchMock, `POST ${base}/rollback`)).toHaveLength(1));
  });

  it('asks before the kill switch turns the feature off', async () => {
    const fetchMock = renderFlag({ [`PATCH ${base}`]: () => json(200, {}) });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('switch', { name: 'Feature enabled' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Turn off' }));

    await waitFor(() => expect(calls(fetchMock, `PATCH ${base}`)).toHaveLength(1));
    expect(sentJson(calls(fetchMock, `PATCH ${base}`)[0]?.[1])).toEqual({ enabled: false });
  });

  it('adds a beta user by email and answers who sees it', async () => {
    const fetchMock = renderFlag({
      [`POST ${base}/users`]: () => json(200, {}),
      [`GET ${base}/evaluate?userId=3`]: () => json(200, { flag: 'action_plan_customization', userId: 3, tier: 'free', enabled: false, reason: 'TIER_EXCLUDED', bucket: 42 }),
    });
    const user = userEvent.setup();

    await user.type(await screen.findByRole('textbox', { name: 'Email or user id' }), 'alan@example.com');
    await user.click(screen.getByRole('button', { name: 'Add beta user' }));
    await waitFor(() => expect(calls(fetchMock, `POST ${base}/users`)).toHaveLength(1));
    expect(sentJson(calls(fetchMock, `POST ${base}/users`)[0]?.[1])).toEqual({ userId: 3 });

    await user.type(screen.getByRole('textbox', { name: 'User id or email' }), 'alan@example.com');
    await user.click(screen.getByRole('button', { name: 'Check' }));
    expect((await screen.findByText(/for user #3/)).textContent).toContain('the user’s tier is not in the rollout');
  });

  it('shows the client error rate beside the health, and how many requests an unknown health still needs', async () => {
    renderFlag({}, { ...status, health: 'unknown', healthRequests: 12, clientErrors: 3, clientErrorRatePercent: 25 });
    const section = await screen.findByRole('region', { name: 'Rollout phase' });

    expect(section.textContent).toContain('health unknown (12 of the 100 requests needed)');
    expect(section.textContent).toContain('client errors 25% (3 of 12; not part of the health)');
  });

  it('shows a refused advance by its button and forces it only after confirmation', async () => {
    const detail = 'Cannot advance action_plan_customization past beta yet. Health unknown: 12 of the 100 requests needed. ' +
      'The beta phase is planned for 7 d and has 2 d 3 h to go. Advance with force to go ahead anyway; the flag’s history records it.';
    const reasons = ['health unknown: 12 of the 100 requests needed', 'the beta phase is planned for 7 d and has 2 d 3 h to go'];
    const fetchMock = renderFlag({
      [`POST ${base}/advance`]: (init) => (sentJson(init) as { force: boolean }).force
        ? json(200, {})
        : json(409, { title: 'Conflict', status: 409, detail, reasons, health: 'unknown', breaches: [], requests: 12, requestsNeeded: 100, plannedDurationSeconds: 604_800, remainingSeconds: 184_000 }),
    });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Advance to expanded' }));
    const asking = screen.getByRole('dialog', { name: 'Advance to expanded?' });
    expect(asking.textContent).toContain('Health is healthy.');
    await user.click(within(asking).getByRole('button', { name: 'Advance to expanded' }));
    const section = screen.getByRole('region', { name: 'Rollout phase' });
    expect((await within(section).findByRole('alert')).textContent).toContain(detail);
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(within(section).getByRole('button', { name: 'Force advance…' }));
    const dialog = screen.getByRole('dialog', { name: 'Force advance to expanded?' });
    expect(within(dialog).getAllByRole('listitem').map((li) => li.textContent)).toEqual(reasons);
    expect(calls(fetchMock, `POST ${base}/advance`)).toHaveLength(1);
    await user.click(within(dialog).getByRole('button', { name: 'Force advance' }));

    await waitFor(() => expect(calls(fetchMock, `POST ${base}/advance`)).toHaveLength(2));
    expect(calls(fetchMock, `POST ${base}/advance`).map(([, init]) => sentJson(init))).toEqual([{ force: false }, { force: true }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});

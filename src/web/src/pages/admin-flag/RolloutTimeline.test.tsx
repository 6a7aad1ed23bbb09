import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, sentJson } from '../../test/server';
import { base, calls, manualSchedule, renderFlag } from './flagPageSetup';

const scheduled = {
  ...manualSchedule, scheduled: true, until: 'general',
  waitingFor: ['the beta phase is planned for 7 d and has 2 d to go'],
  steps: manualSchedule.steps.map((s) => (s.state === 'next' || s.state === 'later' ? { ...s, scheduled: true } : s)),
};

describe('RolloutTimeline', () => {
  it('shows each phase as done, current or when it can come, and that every step is by hand', async () => {
    renderFlag();
    const timeline = await screen.findByRole('region', { name: 'Timeline' });
    const rows = await within(timeline).findAllByRole('listitem');
    expect(rows.map((r) => r.querySelector('.timeline__phase')?.textContent)).toEqual(['init', 'internal', 'beta', 'expanded', 'general']);
    expect(rows[0]?.textContent).toContain('Done');
    expect(rows[2]?.getAttribute('aria-current')).toBe('step');
    expect(rows[3]?.textContent).toContain('By hand, not before');
    expect(rows[3]?.textContent).toMatch(/:27\b/); // to the second: the fixture's step may come at 00:00:27 UTC
    expect(within(timeline).getByText('Every step is taken by hand.')).toBeTruthy();
  });

  it("shows a phase's segments and sets them with a reason", async () => {
    const segment = (id: number, name: string) => ({ id, name, description: '', userIds: [], emailDomains: ['unbuilt.io'],
      tiers: [], minAccountAgeDays: null, createdAt: '', updatedAt: '', usedBy: [] });
    const fetchMock = renderFlag({
      'GET /api/segments': () => json(200, [segment(1, 'staff'), segment(2, 'partners')]),
      [`PUT ${base}/phases/internal/segments`]: () => json(200, {}),
    });
    const user = userEvent.setup();

    const timeline = await screen.findByRole('region', { name: 'Timeline' });
    const internal = (await within(timeline).findAllByRole('listitem'))[1]!;
    expect(internal.textContent).toContain('staff');
    await user.click(within(internal).getByRole('button', { name: 'Segments of the internal phase' }));
    const dialog = screen.getByRole('dialog', { name: 'Segments of the internal phase' });
    expect(within(dialog).getByRole('button', { name: 'Save' })).toHaveProperty('disabled', true); // nothing changed yet
    await user.click(await within(dialog).findByRole('checkbox', { name: 'partners' }));
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'partners too');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(calls(fetchMock, `PUT ${base}/phases/internal/segments`)).toHaveLength(1));
    expect(sentJson(calls(fetchMock, `PUT ${base}/phases/internal/segments`)[0]?.[1]))
      .toEqual({ segments: ['staff', 'partners'], reason: 'partners too' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('schedules up to the chosen phase with a reason, after a dialog that shows the health', async () => {
    const fetchMock = renderFlag({ [`PUT ${base}/schedule`]: () => json(200, scheduled) });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Advance automatically…' }));
    const dialog = screen.getByRole('dialog', { name: 'Advance automatically?' });
    expect(dialog.textContent).toContain('Health now: healthy');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Up to' }), 'expanded');
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'steady week');
    await user.click(within(dialog).getByRole('button', { name: 'Schedule' }));

    await waitFor(() => expect(calls(fetchMock, `PUT ${base}/schedule`)).toHaveLength(1));
    expect(sentJson(calls(fetchMock, `PUT ${base}/schedule`)[0]?.[1])).toEqual({ until: 'expanded', reason: 'steady week' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('says what the next step waits for and stops the schedule', async () => {
    const fetchMock = renderFlag({
      [`GET ${base}/schedule`]: () => json(200, scheduled),
      [`DELETE ${base}/schedule`]: () => json(200, manualSchedule),
    });
    const user = userEvent.setup();

    const timeline = await screen.findByRole('region', { name: 'Timeline' });
    expect(await within(timeline).findByText('the beta phase is planned for 7 d and has 2 d to go')).toBeTruthy();
    expect(within(timeline).getAllByRole('listitem')[3]?.textContent).toContain('By itself, not before');
    await user.click(within(timeline).getByRole('button', { name: 'Stop schedule' }));

    await waitFor(() => expect(calls(fetchMock, `DELETE ${base}/schedule`)).toHaveLength(1));
  });
});

import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithClient } from '../../test/render';
import { fakeServer, json, sentJson } from '../../test/server';
import { base, status } from './flagPageSetup';
import { SegmentTargeting } from './SegmentTargeting';

const segment = (id: number, name: string) => ({
  id, name, description: '', userIds: [], emailDomains: ['unbuilt.io'], tiers: [], minAccountAgeDays: null,
  createdAt: '', updatedAt: '', usedBy: [],
});

describe('SegmentTargeting', () => {
  it('ticks the flag’s segments and saves a new list with the reason', async () => {
    document.cookie = 'unbuilt_csrf=abc; path=/';
    const sent: unknown[] = [];
    fakeServer({
      'GET /api/segments': () => json(200, [segment(1, 'internal'), segment(2, 'partners')]),
      [`PATCH ${base}`]: (init) => {
        sent.push(sentJson(init));
        return json(200, {});
      },
      'GET /api/feature-flags/user/features': () => json(200, { features: [] }),
    });
    renderWithClient(<SegmentTargeting status={{ ...status, segments: ['internal'] }} />);

    const partners = await screen.findByLabelText('partners');
    const internal = screen.getByLabelText('internal');
    expect((internal as HTMLInputElement).checked).toBe(true);
    const save = screen.getByRole('button', { name: 'Save segments' });
    expect((save as HTMLButtonElement).disabled).toBe(true);

    await userEvent.click(partners);
    await userEvent.type(screen.getByLabelText(/Reason/), 'partners try it');
    await userEvent.click(save);

    expect(sent).toEqual([{ segments: ['internal', 'partners'], reason: 'partners try it' }]);
  });

  it('points to the segments page when there are none', async () => {
    fakeServer({ 'GET /api/segments': () => json(200, []) });
    renderWithClient(<SegmentTargeting status={status} />);

    expect((await screen.findByRole('link', { name: 'create one' })).getAttribute('href')).toBe('/admin/segments');
  });
});

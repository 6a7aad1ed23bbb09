import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FlagStatus } from '../../api/adminTypes';
import type { components } from '../../api/schema';
import { renderWithClient } from '../../test/render';
import { fakeServer, json } from '../../test/server';
import { SuccessCriteria } from './SuccessCriteria';

type PhaseCriteria = components['schemas']['PhaseCriteria'];

const current: PhaseCriteria = {
  phase: 'beta', from: '2025-02-01T00:00:00Z', to: null, current: true, verdict: 'fail',
  criteria: [
    { name: 'engagement', value: 66.667, comparison: '>', threshold: 60, unit: 'percent', sample: 30, minSample: 20, verdict: 'pass', baselineSample: null },
    { name: 'task-completion', value: 30, comparison: '>', threshold: 40, unit: 'percent', sample: 80, minSample: 50, verdict: 'fail', baselineSample: null },
    { name: 'error-rate', value: 0.1, comparison: '<', threshold: 0.5, unit: 'percent', sample: 400, minSample: 100, verdict: 'pass', baselineSample: null },
    { name: 'plan-load-p95', value: 420.5, comparison: '<', threshold: 1000, unit: 'ms', sample: 150, minSample: 100, verdict: 'pass', baselineSample: null },
    { name: 'task-update-p95', value: null, comparison: '<', threshold: 200, unit: 'ms', sample: 12, minSample: 100, verdict: 'not-enough-data', baselineSample: null },
    { name: 'return-rate', value: 50, comparison: '>=', threshold: 40, unit: 'percent', sample: 25, minSample: 20, verdict: 'pass', baselineSample: 22 },
  ],
};
const earlier: PhaseCriteria = {
  ...current, phase: 'internal', from: '2025-01-20T00:00:00Z', to: '2025-02-01T00:00:00Z', current: false, verdict: 'pass',
};
const status = { name: 'action_plan_customization', criteria: current } as FlagStatus;

const item = (name: RegExp) => screen.getAllByRole('listitem').find((li) => name.test(li.textContent ?? ''))!;

describe('SuccessCriteria', () => {
  it('writes each verdict out beside its value, target and sample', () => {
    renderWithClient(<SuccessCriteria status={status} />);

    const phase = screen.getByRole('article', { name: /beta phase \(current\)/i });
    expect(within(phase).getByRole('heading', { level: 3 }).textContent).toContain('Fail');
    expect(item(/^Engagement/).textContent).toMatch(/Pass.*66\.67 %.*above 60 %.*30 users with the feature, needs 20/);
    expect(item(/^Task completion/).textContent).toMatch(/Fail.*30 %.*above 40 %/);
    expect(item(/^Error rate/).textContent).toMatch(/Pass.*0\.1 %.*below 0\.5 %.*400 requests/);
    expect(item(/^Plan load/).textContent).toMatch(/Pass.*420\.5 ms.*below 1,?000 ms/);
    expect(item(/^Task update/).textContent).toMatch(/Not enough data.*no value.*12 requests, needs 100/);
    expect(item(/^7-day return/).textContent).toMatch(/Pass.*50 %.*at least users without it: 40 %.*25 users with, 22 without/);
  });

  it('loads the earlier phases only when asked', async () => {
    const fetchMock = fakeServer({
      'GET /api/feature-flags/action_plan_customization/criteria': () =>
        json(200, { flag: 'action_plan_customization', phases: [current, earlier] }),
    });
    renderWithClient(<SuccessCriteria status={status} />);
    expect(fetchMock).not.toHaveBeenCalled();

    const toggle = screen.getByRole('button', { name: 'Show earlier phases' });
    await userEvent.setup().click(toggle);

    const past = await screen.findByRole('article', { name: /internal phase/i });
    expect(within(past).getByRole('heading', { level: 3 }).textContent).toContain('Pass');
    expect(screen.getAllByRole('article')).toHaveLength(2);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
  });

  it('says so when nothing is measured', () => {
    renderWithClient(<SuccessCriteria status={{ ...status, criteria: null }} />);
    expect(screen.getByText('Nothing measured yet.')).toBeTruthy();
  });
});

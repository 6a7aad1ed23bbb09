import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Alerts, Metrics, OperationStats } from '../../api/adminTypes';
import { renderWithClient } from '../../test/render';
import { fakeServer, json } from '../../test/server';
import { MonitoringPage } from './MonitoringPage';
import type { Series } from './seriesApi';

const stats = (operation: string, p95Ms: number, errorRatePercent = 0, clientErrorRatePercent = 0): OperationStats => ({
  operation, count: 40, errors: Math.round(errorRatePercent * 0.4), errorRatePercent,
  clientErrors: Math.round(clientErrorRatePercent * 0.4), clientErrorRatePercent,
  avgMs: p95Ms / 2, p50Ms: p95Ms / 2, p95Ms, p99Ms: p95Ms * 1.2,
});
const metrics: Metrics = {
  window: '1h', from: '', to: '', operations: [stats('plan_loaded', 18, 0, 7.5), stats('task_updated', 9, 2.5)],
  total: stats('all', 15, 1.25, 3.75),
  webSockets: { connections: 3, connected: 5, disconnected: 2, dropped: 0, disconnectRatePercent: 0 },
  database: { commands: 100, p95Ms: 1.2, maxMs: 30 }, flagCache: { flags: 1, reloads: 2, lastReloadedAt: null },
  adoption: [{ flag: 'action_plan_customization', enabled: true, rolloutPercentage: 10, activeUsers: 20, usersWithFeature: 2, adoptionRatePercent: 10 }],
  plans: { usersWithPlans: 2, plans: 3, avgTasksPerPlan: 24, tasks: 72, completedTasks: 18, taskCompletionRatePercent: 25 },
  alerts: [], telemetry: { eventsDropped: 0, eventsPending: 0 },
};
const alerts: Alerts = {
  evaluatedAt: '', windowSeconds: 900, alerts: [{ name: 'error_rate', scope: 'task_updated', value: 2.5, threshold: 1, unit: 'percent', message: 'task_updated error rate 2.5% > 1%' }],
  thresholds: { errorRatePercent: 1, apiP95Ms: 1000, taskUpdateP95Ms: 500, dbQueryMs: 2000, webSocketDisconnectRatePercent: 5, minSamples: 20 },
};

const thresholds = { errorRatePercent: 1, apiP95Ms: 1000, taskUpdateP95Ms: 500, taskUpdateOperation: 'task_updated' };
const series = (operations: Series['operations']): Series => ({
  window: '1h', step: '1m', from: '2026-12-02T17:00:00Z', to: '2026-12-02T18:00:00Z', thresholds, operations,
});
const point = (minute: number, p95Ms: number, errors = 0, clientErrors = 0) => ({
  at: `2026-12-02T17:${String(minute).padStart(2, '0')}:00Z`, count: 40, errors, clientErrors,
  errorRatePercent: errors * 2.5, clientErrorRatePercent: clientErrors * 2.5, p95Ms,
});

describe('MonitoringPage', () => {
  it('shows the figures, active alerts and every operation in a table beside the charts', async () => {
    fakeServer({
      'GET /api/performance/metrics?window=1h': () => json(200, metrics),
      'GET /api/performance/alerts': () => json(200, alerts),
      'GET /api/performance/series?window=1h': () => json(200, series([])),
    });
    renderWithClient(<MonitoringPage />);

    const alertsRegion = await screen.findByRole('region', { name: '1 active alert' });
    expect(within(alertsRegion).getByText('task_updated error rate 2.5% > 1%')).toBeTruthy();
    expect(screen.getByText('Live WebSocket connections').nextElementSibling?.textContent).toContain('3');
    expect(screen.getByText('Task completion').nextElementSibling?.textContent).toContain('25%');
    const table = screen.getByRole('table');
    expect(within(table).getByRole('rowheader', { name: 'task_updated' }).parentElement?.textContent).toContain('2.5%');
    const headers = within(table).getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers.slice(2, 6)).toEqual(['Errors', 'Error rate', 'Client errors', 'Client error rate']);
    const cells = [...(within(table).getByRole('rowheader', { name: 'plan_loaded' }).parentElement?.children ?? [])].map((c) => c.textContent);
    expect(cells.slice(2, 6)).toEqual(['0', '0%', '3', '7.5%']);
    expect(screen.getByText('Requests', { selector: 'dt' }).nextElementSibling?.textContent).toContain('1.3% errors · 3.8% client errors');
    expect(screen.getByRole('img', { name: /p95 response time by operation: highest is plan_loaded at 18 ms/ })).toBeTruthy();
  });

  it('draws the chosen operation over time with its alert line, says when there were no errors, and lists the numbers', async () => {
    const quiet = { ...metrics, operations: [stats('plan_loaded', 18), stats('task_updated', 9)], total: stats('all', 15) };
    fakeServer({
      'GET /api/performance/metrics?window=1h': () => json(200, quiet),
      'GET /api/performance/alerts': () => json(200, { ...alerts, alerts: [] }),
      'GET /api/performance/series?window=1h': () => json(200, series([
        { operation: 'plan_loaded', points: [point(5, 12.34, 1, 2)] },
        { operation: 'task_updated', points: [point(10, 7.576), point(11, 23.4)] },
      ])),
    });
    renderWithClient(<MonitoringPage />);

    const trends = await screen.findByRole('region', { name: 'Over time' });
    expect(screen.getByText('No server errors in this window.')).toBeTruthy();
    expect((await within(trends).findByRole<HTMLSelectElement>('combobox', { name: 'Operation' })).value).toBe('task_updated');
    expect(within(trends).getByRole('img', { name: /p95 of task_updated over the last hour: highest 23 ms at .*; alert above 500 ms/ })).toBeTruthy();
    expect(within(trends).getByText('No errors in this window.')).toBeTruthy();
    const rows = within(within(trends).getByRole('region', { name: 'task_updated per step' })).getAllByRole('row');
    expect(rows[1]!.textContent).toContain('7.6 ms');

    await userEvent.setup().selectOptions(within(trends).getByRole('combobox', { name: 'Operation' }), 'plan_loaded');
    expect(within(trends).getByRole('img', { name: /Server error rate of plan_loaded over the last hour: highest 2.5%; alert above 1%/ })).toBeTruthy();
    expect(within(trends).getByRole('img', { name: /alert above 1000 ms/ })).toBeTruthy();
  });
});

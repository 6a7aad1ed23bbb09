import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Alerts, Metrics, OperationStats } from '../../api/adminTypes';
import { renderWithClient } from '../../test/render';
import { fakeServer, json } from '../../test/server';
import { MonitoringPage } from './MonitoringPage';

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

describe('MonitoringPage', () => {
  it('shows the figures, active alerts and every operation in a table beside the charts', async () => {
    fakeServer({
      'GET /api/performance/metrics?window=1h': () => json(200, metrics),
      'GET /api/performance/alerts': () => json(200, alerts),
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
    expect(screen.getByText('Requests', { selector: 'dt' }).nextElementSibling?.textContent).toContain('1.25% errors · 3.75% client errors');
    expect(screen.getByRole('img', { name: /p95 response time by operation: highest is plan_loaded at 18 ms/ })).toBeTruthy();
  });
});

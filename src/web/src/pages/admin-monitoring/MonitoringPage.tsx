import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { adminApi } from '../../api/client';
import type { MetricsWindow } from '../../api/adminTypes';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { Link } from '../../router/router';
import { AdminNotices } from '../admin/AdminNotices';
import { ActiveAlerts } from './ActiveAlerts';
import { BarChart } from './BarChart';
import { Figures } from './Figures';
import { Trends } from './Trends';
import { OperationsTable } from './OperationsTable';

const WINDOWS: { value: MetricsWindow; label: string }[] = [
  { value: '15m', label: '15 minutes' },
  { value: '1h', label: '1 hour' },
  { value: '24h', label: '24 hours' },
];
const REFRESH_MS = 10_000;
const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** The operator's view: is the rollout healthy enough to advance? Reads itself again every 10 seconds. */
export function MonitoringPage() {
  const [range, setRange] = useState<MetricsWindow>('1h');
  const metrics = useQuery({
    queryKey: ['admin', 'metrics', range],
    queryFn: ({ signal }) => adminApi.metrics(range, signal),
    refetchInterval: REFRESH_MS,
  });
  const alerts = useQuery({ queryKey: ['admin', 'alerts'], queryFn: ({ signal }) => adminApi.alerts(signal), refetchInterval: REFRESH_MS });
  const data = metrics.data;
  const timed = data?.operations.filter((o) => o.p95Ms !== null) ?? [];

  return (
    <>
      <p className="small">
        <Link to="/admin">← Admin</Link>
      </p>
      <PageTitle title="Monitoring" />
      <AdminNotices />
      <div className="row-between">
        <fieldset className="segmented">
          <legend className="visually-hidden">Time window</legend>
          {WINDOWS.map((option) => (
            <label key={option.value} className={range === option.value ? 'segmented__option is-selected' : 'segmented__option'}>
              <input type="radio" name="window" value={option.value} checked={range === option.value}
                onChange={() => setRange(option.value)} />
              Last {option.label}
            </label>
          ))}
        </fieldset>
        <p className="small muted" aria-live="off">
          {data ? `Updated ${clock.format(metrics.dataUpdatedAt)} · refreshes every 10 s` : ''}
        </p>
      </div>
      {metrics.isPending && <Loading label="Loading metrics…" />}
      {metrics.isError && <ErrorMessage error={metrics.error} />}
      <ActiveAlerts alerts={alerts.data} error={alerts.error} />
      {data && (
        <>
          <Figures metrics={data} />
          {data.operations.length === 0 ? (
            <p className="card empty">No requests in this window yet.</p>
          ) : (
            <div className="chart-grid">
              <BarChart title="p95 response time by operation" unit="ms"
                bars={timed.map((o) => ({ label: o.operation, value: o.p95Ms ?? 0 }))} />
              {data.operations.some((o) => o.errors > 0) ? (
                <BarChart title="Error rate by operation" unit="%"
                  bars={data.operations.map((o) => ({ label: o.operation, value: o.errorRatePercent }))} />
              ) : (
                <p className="card empty">No server errors in this window.</p>
              )}
            </div>
          )}
          {data.operations.length > 0 && <Trends window={range} />}
          {data.operations.length > 0 && <OperationsTable operations={data.operations} total={data.total} />}
        </>
      )}
    </>
  );
}

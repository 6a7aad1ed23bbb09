import type { Alerts } from '../../api/adminTypes';
import { ErrorMessage } from '../../components/ErrorMessage';

export function ActiveAlerts({ alerts, error }: { alerts: Alerts | undefined; error: unknown }) {
  if (error) return <ErrorMessage error={error} />;
  if (!alerts) return null;
  const t = alerts.thresholds;
  return (
    <section className={alerts.alerts.length > 0 ? 'card stack card--alert' : 'card stack'} aria-labelledby="alerts-title">
      <h2 id="alerts-title" className="section-title">
        {alerts.alerts.length === 0 ? 'No active alerts' : `${alerts.alerts.length} active alert${alerts.alerts.length === 1 ? '' : 's'}`}
      </h2>
      {alerts.alerts.length > 0 && (
        <ul className="alert-list">
          {alerts.alerts.map((alert) => (
            <li key={`${alert.name}-${alert.scope ?? 'all'}`}>{alert.message}</li>
          ))}
        </ul>
      )}
      <p className="small muted">
        Over the last {Math.round(alerts.windowSeconds / 60)} min: error rate (5xx; client errors never alert) above{' '}
        {t.errorRatePercent}%, API p95 above{' '}
        {t.apiP95Ms} ms, task update p95 above {t.taskUpdateP95Ms} ms, a database command above {t.dbQueryMs} ms, or
        WebSocket disconnects above {t.webSocketDisconnectRatePercent}% (from {t.minSamples} samples).
      </p>
    </section>
  );
}

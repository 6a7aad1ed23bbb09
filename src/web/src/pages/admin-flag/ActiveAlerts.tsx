import { useQuery } from '@tanstack/react-query';
import { adminApi } from '../../api/client';

/**
 * The alerts firing now, read from the same source as the Monitoring page (/api/performance/alerts, same query key),
 * so the flag page never calls the system healthy while Monitoring shows an alert. The phase's gate health beside
 * it answers another question: whether the phase may be left.
 */
export function ActiveAlerts() {
  const alerts = useQuery({ queryKey: ['admin', 'alerts'], queryFn: ({ signal }) => adminApi.alerts(signal), refetchInterval: 30_000 });
  if (!alerts.data) return null;
  const active = alerts.data.alerts;
  return (
    <p className={active.length > 0 ? 'small alert alert--error' : 'small'} role="status">
      {active.length === 0
        ? 'Monitoring: no alert is firing.'
        : `Monitoring: ${active.length} alert${active.length === 1 ? '' : 's'} firing: ${active.map((a) => a.message).join('; ')}.`}
    </p>
  );
}

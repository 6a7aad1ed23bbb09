import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { planKey } from '../../plans/queries';
import { usePlanContext } from './PlanActionsContext';

const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Velocity over the last 30 days and the finish date it points to (the server's progress report). */
export function Pace() {
  const { plan } = usePlanContext();
  const report = useQuery({
    queryKey: [...planKey(plan.id), 'progress', plan.version],
    queryFn: ({ signal }) => api.progress(plan.id, signal),
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });
  const data = report.data;
  if (!data || data.overall.total === 0) return null;
  if (data.remaining === 0) return <p className="small muted">Everything is done or skipped.</p>;
  // Not enough evidence for a forecast (one completion is not a pace): the server says what it needs instead.
  if (data.velocityPerWeek === null) {
    return <p className="small muted">{data.forecastNeeds ?? 'Not enough completed tasks yet to forecast a finish date.'}</p>;
  }
  if (data.estimatedCompletionDate === null) {
    return <p className="small muted">No tasks completed in the last 30 days, so no finish date yet.</p>;
  }
  return (
    <p className="small muted">
      {data.velocityPerWeek} tasks a week over the last 30 days · at this pace, done around{' '}
      {day.format(new Date(`${data.estimatedCompletionDate}T00:00:00Z`))}
    </p>
  );
}

import type { Metrics } from '../../api/adminTypes';

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd>
        <span className="figure__value">{value}</span>
        {note && <span className="small muted figure__note">{note}</span>}
      </dd>
    </div>
  );
}

const orDash = (value: number | null | undefined, suffix = '') => (value == null ? '–' : `${value}${suffix}`);

/** The headline numbers: traffic, live connections, adoption and completion, database time. */
export function Figures({ metrics }: { metrics: Metrics }) {
  const { total, webSockets, plans, database } = metrics;
  return (
    <section className="stack" aria-labelledby="figures-title">
      <h2 id="figures-title" className="visually-hidden">
        Key figures
      </h2>
      <dl className="figures">
        <Figure label="Requests" value={`${total.count}`}
          note={`${total.errorRatePercent}% errors · ${total.clientErrorRatePercent}% client errors`} />
        <Figure label="p95, all operations" value={orDash(total.p95Ms, ' ms')} note={`p99 ${orDash(total.p99Ms, ' ms')}`} />
        <Figure label="Live WebSocket connections" value={`${webSockets.connections}`}
          note={`${webSockets.connected} opened, ${webSockets.dropped} dropped (${webSockets.disconnectRatePercent}%)`} />
        <Figure label="Users with plans" value={`${plans.usersWithPlans}`} note={`${plans.plans} plans created`} />
        <Figure label="Task completion" value={orDash(plans.taskCompletionRatePercent, '%')}
          note={`${plans.completedTasks} of ${plans.tasks} tasks`} />
        <Figure label="Database p95" value={orDash(database.p95Ms, ' ms')} note={`slowest ${orDash(database.maxMs, ' ms')}`} />
      </dl>
      {metrics.adoption.length > 0 && (
        <ul className="plain-list adoption">
          {metrics.adoption.map((a) => (
            <li key={a.flag} className="small">
              <span className="mono">{a.flag}</span>: on for {a.usersWithFeature} of {a.activeUsers} active users
              ({a.adoptionRatePercent}%), rollout {a.rolloutPercentage}%{a.enabled ? '' : ', switched off'}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

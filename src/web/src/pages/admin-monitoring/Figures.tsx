import type { Metrics } from '../../api/adminTypes';
import { millis, percent } from './format';

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
          note={`${percent(total.errorRatePercent)} errors · ${percent(total.clientErrorRatePercent)} client errors`} />
        <Figure label="p95, all operations" value={millis(total.p95Ms)} note={`p99 ${millis(total.p99Ms)}`} />
        <Figure label="Live WebSocket connections" value={`${webSockets.connections}`}
          note={`${webSockets.connected} opened, ${webSockets.dropped} dropped (${percent(webSockets.disconnectRatePercent)})`} />
        <Figure label="Users with plans" value={`${plans.usersWithPlans}`} note={`${plans.plans} plans created`} />
        <Figure label="Task completion" value={percent(plans.taskCompletionRatePercent)}
          note={`${plans.completedTasks} of ${plans.tasks} tasks`} />
        <Figure label="Database p95" value={millis(database.p95Ms)} note={`slowest ${millis(database.maxMs)}`} />
      </dl>
      {metrics.adoption.length > 0 && (
        <ul className="plain-list adoption">
          {metrics.adoption.map((a) => (
            <li key={a.flag} className="small">
              <span className="mono">{a.flag}</span>: on for {a.usersWithFeature} of {a.activeUsers} active users
              ({percent(a.adoptionRatePercent)}), rollout {a.rolloutPercentage}%{a.enabled ? '' : ', switched off'}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

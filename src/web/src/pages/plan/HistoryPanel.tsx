import { useMemo, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { describeHistory, formerTitles } from '../../plans/describeHistory';
import { usePlanHistory, usePlanMembers } from '../../plans/queries';
import { usePlanContext } from './PlanActionsContext';

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Who did what, newest first; read when opened and kept current with the plan's version. */
export function HistoryPanel() {
  const { plan } = usePlanContext();
  const [open, setOpen] = useState(false);
  const history = usePlanHistory(plan.id, plan.version, open);
  const members = usePlanMembers(plan.id);
  const former = useMemo(() => formerTitles(history.data ?? []), [history.data]);
  const who = (userId: number) => members.data?.find((m) => m.userId === userId)?.displayName ?? `User ${userId}`;
  return (
    <details className="card history" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <h2 className="section-title">History</h2>
      </summary>
      {history.isPending && open && <Loading label="Loading history…" />}
      {history.isError && <ErrorMessage error={history.error} />}
      {history.data?.length === 0 && <p className="muted small">No changes yet.</p>}
      {history.data && history.data.length > 0 && (
        <ol className="history__list">
          {history.data.map((entry) => (
            <li key={entry.id}>
              <span>
                <strong>{who(entry.userId)}</strong> {describeHistory(entry, plan, former, history.data)}
              </span>
              {entry.note && <span className="small muted"> ({entry.note})</span>}
              <time className="small muted history__time" dateTime={entry.timestamp}>
                {time.format(new Date(entry.timestamp))}
              </time>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

import { useQuery } from '@tanstack/react-query';
import { adminApi } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { historyKey } from './useFlagChange';

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function FlagHistory({ name }: { name: string }) {
  const history = useQuery({ queryKey: historyKey(name), queryFn: ({ signal }) => adminApi.history(name, signal) });
  return (
    <section className="card stack admin-grid__wide" aria-labelledby="flag-history-title">
      <h2 id="flag-history-title">History</h2>
      {history.isPending && <Loading label="Loading history…" />}
      {history.isError && <ErrorMessage error={history.error} />}
      {history.data?.length === 0 && <p className="muted small">No changes recorded.</p>}
      <ol className="history__list">
        {history.data?.slice(0, 50).map((entry) => (
          <li key={entry.id}>
            <span>
              <strong>{entry.action.replace('_', ' ')}</strong> by {entry.actor}
              {entry.reason && <span className="muted"> · {entry.reason}</span>}
            </span>
            <time className="small muted history__time" dateTime={entry.createdAt}>
              {time.format(new Date(entry.createdAt))}
            </time>
          </li>
        ))}
      </ol>
    </section>
  );
}

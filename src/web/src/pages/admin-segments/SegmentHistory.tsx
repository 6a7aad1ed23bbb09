import { useQuery } from '@tanstack/react-query';
import { adminApi } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { valueText } from '../admin-flag/FlagHistory';

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const FIELD_NAMES: Record<string, string> = {
  name: 'name', description: 'description', userIds: 'users', emailDomains: 'email domains', tiers: 'tiers',
  minAccountAgeDays: 'minimum account age (days)',
};

/** A segment's changes, newest first: what, who, which fields went from what to what, and why. */
export function SegmentHistory({ id }: { id: number }) {
  const history = useQuery({ queryKey: ['admin', 'segments', id, 'history'], queryFn: ({ signal }) => adminApi.segmentHistory(id, signal) });
  return (
    <div className="stack">
      {history.isPending && <Loading label="Loading history…" />}
      {history.isError && <ErrorMessage error={history.error} />}
      <ol className="history__list">
        {history.data?.map((entry) => (
          <li key={entry.id}>
            <span className="stack-tight">
              <span>
                <strong>{entry.action}</strong> by {entry.actor}
              </span>
              {entry.action !== 'create' && entry.changes.length > 0 && (
                <ul className="small plain-list">
                  {entry.changes.map((c) => (
                    <li key={c.field}>
                      {FIELD_NAMES[c.field] ?? c.field}: {valueText(c.field, c.before)} → {valueText(c.field, c.after)}
                    </li>
                  ))}
                </ul>
              )}
              {entry.reason && <span className="small muted">Reason: {entry.reason}</span>}
            </span>
            <time className="small muted history__time" dateTime={entry.createdAt}>
              {time.format(new Date(entry.createdAt))}
            </time>
          </li>
        ))}
      </ol>
    </div>
  );
}

import { useQuery } from '@tanstack/react-query';
import { adminApi } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { ChangeDetails, ChangeTime } from '../../components/ChangeDetails';

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
              <ChangeDetails fieldNames={FIELD_NAMES} reason={entry.reason}
                changes={entry.action === 'create' ? [] : entry.changes} />
            </span>
            <ChangeTime at={entry.createdAt} />
          </li>
        ))}
      </ol>
    </div>
  );
}

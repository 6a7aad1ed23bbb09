import { useQuery } from '@tanstack/react-query';
import { adminApi } from '../../api/client';
import type { FlagChange } from '../../api/adminTypes';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { ChangeDetails, ChangeTime } from '../../components/ChangeDetails';
import { historyKey } from './useFlagChange';

const FIELD_NAMES: Record<string, string> = {
  description: 'description', enabled: 'enabled', rolloutPercentage: 'rollout', allowedTiers: 'tiers',
  allowedUserIds: 'beta users', blockedUserIds: 'blocked users', phase: 'phase', guardPolicy: 'guard policy',
  rolloutPlan: 'rollout plan', archived: 'archived', segments: 'segments',
};

/** "Ada (ada@example.com)" when the account is known, else the actor as recorded ("guard", "admin@x (cli)"). */
export function actorText(entry: Pick<FlagChange, 'actor' | 'actorName' | 'actorEmail'>): string {
  return entry.actorName && entry.actorEmail ? `${entry.actorName} (${entry.actorEmail})` : entry.actor;
}

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
            <span className="stack-tight">
              <span>
                <strong>{entry.action.replaceAll('_', ' ')}</strong>
                {entry.user && <> {entry.user.name && entry.user.email ? `${entry.user.name} (${entry.user.email})` : entry.user.words}</>}
                {' '}by {actorText(entry)}
              </span>
              <ChangeDetails fieldNames={FIELD_NAMES} reason={entry.reason}
                changes={(entry.changes ?? []).filter((c) => entry.action !== 'create' || c.field !== 'archived')} />
            </span>
            <ChangeTime at={entry.createdAt} />
          </li>
        ))}
      </ol>
    </section>
  );
}

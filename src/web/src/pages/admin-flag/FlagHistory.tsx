import { useQuery } from '@tanstack/react-query';
import { adminApi } from '../../api/client';
import type { FlagChange } from '../../api/adminTypes';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { historyKey } from './useFlagChange';

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const FIELD_NAMES: Record<string, string> = {
  description: 'description', enabled: 'enabled', rolloutPercentage: 'rollout', allowedTiers: 'tiers',
  allowedUserIds: 'beta users', blockedUserIds: 'blocked users', phase: 'phase', guardPolicy: 'guard policy',
  rolloutPlan: 'rollout plan', archived: 'archived', segments: 'segments',
};

/** A field's value in a few words: 10 → "10%" for the rollout, [] → "none", a plan → "custom plan". */
export function valueText(field: string, value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (field === 'rolloutPercentage' && typeof value === 'number') return `${value}%`;
  if (field === 'allowedTiers' && Array.isArray(value)) return value.length === 0 ? 'all' : value.join(', ');
  if (field === 'rolloutPlan') return 'custom plan';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

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
              {(entry.changes ?? []).length > 0 && (
                <ul className="small plain-list">
                  {(entry.changes ?? []).filter((c) => entry.action !== 'create' || c.field !== 'archived').map((c) => (
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
    </section>
  );
}

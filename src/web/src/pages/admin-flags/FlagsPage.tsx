import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { adminApi } from '../../api/client';
import type { Flag } from '../../api/adminTypes';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { Link } from '../../router/router';
import { AdminNotices } from '../admin/AdminNotices';
import { NewFlagDialog } from './NewFlagDialog';

export const flagsKey = ['admin', 'flags'] as const;

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function tiersText(tiers: readonly string[]): string {
  return tiers.length === 0 ? 'All tiers' : tiers.map((t) => t.charAt(0).toUpperCase() + t.slice(1)).join(', ');
}

/** When any node last evaluated the flag, in words. */
export function lastEvaluatedText(flag: Pick<Flag, 'lastEvaluatedAt'>): string {
  return flag.lastEvaluatedAt ? time.format(new Date(flag.lastEvaluatedAt)) : 'Never';
}

const STATE_BADGE: Record<Flag['state'], string> = { on: 'badge badge--on', off: 'badge badge--off', archived: 'badge badge--muted' };

export function FlagsPage() {
  const toggleId = useId();
  const [archived, setArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const flags = useQuery({ queryKey: [...flagsKey, { archived }], queryFn: ({ signal }) => adminApi.flagList(archived, signal) });
  return (
    <>
      <p className="small">
        <Link to="/admin">← Admin</Link>
      </p>
      <PageTitle title="Feature flags" />
      <AdminNotices />
      <div className="row-between">
        <label className="check-row" htmlFor={toggleId}>
          <input id={toggleId} type="checkbox" checked={archived} onChange={(event) => setArchived(event.target.checked)} />
          <span>Show archived</span>
        </label>
        <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
          New flag
        </button>
      </div>
      {flags.isPending && <Loading label="Loading flags…" />}
      {flags.isError && <ErrorMessage error={flags.error} />}
      {flags.data?.length === 0 && (
        <p className="card empty">No flags yet. Create one with New flag, or the action-plan flag with <code>./unbuilt flags init</code>.</p>
      )}
      <ul className="plain-list card-list" aria-label="Flags">
        {flags.data?.map((flag) => (
          <li key={flag.name} className="card stack">
            <div className="row-between">
              <h2 className="mono">
                <Link to={`/admin/flags/${encodeURIComponent(flag.name)}`}>{flag.name}</Link>
              </h2>
              <span className="inline-form">
                {flag.readyToRemove && (
                  <span className="badge badge--suggested" title="At 100 % or off long enough: its code can go">Ready to remove</span>
                )}
                <span className={STATE_BADGE[flag.state]}>{flag.state.charAt(0).toUpperCase() + flag.state.slice(1)}</span>
              </span>
            </div>
            {flag.description && <p className="muted">{flag.description}</p>}
            <dl className="small flag-facts">
              <div><dt>Phase</dt><dd>{flag.phase ?? 'custom'}</dd></div>
              <div><dt>Rollout</dt><dd>{flag.rolloutPercentage}% · {tiersText(flag.allowedTiers)}</dd></div>
              <div><dt>Health</dt><dd>{flag.state === 'archived' ? '–' : (flag.health ?? 'unknown')}</dd></div>
              <div><dt>Last evaluated</dt><dd>{lastEvaluatedText(flag)}</dd></div>
              <div><dt>Beta users</dt><dd>{flag.allowedUserIds.length}</dd></div>
              <div><dt>Guard</dt><dd>{flag.guardPolicy}</dd></div>
            </dl>
          </li>
        ))}
      </ul>
      {creating && <NewFlagDialog onClose={() => setCreating(false)} />}
    </>
  );
}

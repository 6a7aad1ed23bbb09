import { useQuery } from '@tanstack/react-query';
import { adminApi } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { Link } from '../../router/router';
import { AdminNotices } from '../admin/AdminNotices';

export const flagsKey = ['admin', 'flags'] as const;

export function tiersText(tiers: readonly string[]): string {
  return tiers.length === 0 ? 'All tiers' : tiers.map((t) => t.charAt(0).toUpperCase() + t.slice(1)).join(', ');
}

export function FlagsPage() {
  const flags = useQuery({ queryKey: flagsKey, queryFn: ({ signal }) => adminApi.flags(signal) });
  return (
    <>
      <p className="small">
        <Link to="/admin">← Admin</Link>
      </p>
      <PageTitle title="Feature flags" />
      <AdminNotices />
      {flags.isPending && <Loading label="Loading flags…" />}
      {flags.isError && <ErrorMessage error={flags.error} />}
      {flags.data?.length === 0 && (
        <p className="card empty">
          No flags yet. Create the action-plan flag with <code>./unbuilt flags init</code>.
        </p>
      )}
      <ul className="plain-list card-list">
        {flags.data?.map((flag) => (
          <li key={flag.name} className="card stack">
            <div className="row-between">
              <h2 className="mono">
                <Link to={`/admin/flags/${encodeURIComponent(flag.name)}`}>{flag.name}</Link>
              </h2>
              <span className={flag.enabled ? 'badge badge--on' : 'badge badge--off'}>{flag.enabled ? 'On' : 'Off'}</span>
            </div>
            {flag.description && <p className="muted">{flag.description}</p>}
            <p className="small">
              Phase <strong>{flag.phase ?? 'custom'}</strong> · {flag.rolloutPercentage}% · {tiersText(flag.allowedTiers)} ·{' '}
              {flag.allowedUserIds.length} beta user{flag.allowedUserIds.length === 1 ? '' : 's'} · guard {flag.guardPolicy}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

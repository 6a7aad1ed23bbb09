import { useId, useState, type FormEvent } from 'react';
import { adminApi } from '../../api/client';
import type { FlagStatus } from '../../api/adminTypes';
import { ErrorMessage } from '../../components/ErrorMessage';
import { resolveUser, useAdminUsers, useFlagChange } from './useFlagChange';

/** Beta users get the feature whatever the percentage and tiers (not while the kill switch is off). */
export function BetaUsers({ status }: { status: FlagStatus }) {
  const id = useId();
  const users = useAdminUsers();
  const change = useFlagChange();
  const [who, setWho] = useState('');
  const [unknown, setUnknown] = useState(false);
  const label = (userId: number) => {
    const user = users.data?.find((u) => u.id === userId);
    return user ? `${user.email} (#${userId}, ${user.tier})` : `User #${userId}`;
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    const userId = resolveUser(who, users.data);
    setUnknown(userId === undefined);
    if (userId !== undefined) change.mutate(() => adminApi.addUser(status.name, userId), { onSuccess: () => setWho('') });
  };

  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Beta users</h2>
      {status.allowedUserIds.length === 0 && <p className="muted small">No beta users.</p>}
      <ul className="plain-list user-list">
        {status.allowedUserIds.map((userId) => (
          <li key={userId} className="row-between">
            <span>{label(userId)}</span>
            <button type="button" className="button button--quiet" disabled={change.isPending}
              onClick={() => change.mutate(() => adminApi.removeUser(status.name, userId))} aria-label={`Remove ${label(userId)}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      {status.blockedUserIds.length > 0 && (
        <>
          <h3 className="small">Blocked on purpose</h3>
          <ul className="plain-list user-list">
            {status.blockedUserIds.map((userId) => (
              <li key={userId} className="row-between">
                <span>{label(userId)}</span>
                <button type="button" className="button button--quiet" disabled={change.isPending}
                  onClick={() => change.mutate(() => adminApi.removeUser(status.name, userId))} aria-label={`Unblock ${label(userId)}`}>
                  Unblock
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <form className="inline-form" onSubmit={add}>
        <label htmlFor={`${id}-who`} className="visually-hidden">
          Email or user id
        </label>
        <input id={`${id}-who`} value={who} onChange={(event) => setWho(event.target.value)} placeholder="Email or user id"
          required aria-invalid={unknown || undefined} aria-describedby={unknown ? `${id}-unknown` : undefined} />
        <button type="submit" className="button" disabled={change.isPending}>
          Add beta user
        </button>
      </form>
      {unknown && (
        <p id={`${id}-unknown`} className="field-error">
          No user has that email.
        </p>
      )}
      {change.isError && <ErrorMessage error={change.error} />}
    </section>
  );
}

import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { adminApi } from '../../api/client';
import type { Tier } from '../../api/types';
import { ErrorMessage } from '../../components/ErrorMessage';
import { resolveUser, useAdminUsers } from './useFlagChange';

const reasons: Record<string, string> = {
  FLAG_NOT_FOUND: 'there is no such flag',
  DISABLED: 'the kill switch is off',
  TARGETING_MATCH: 'the user is on the flag’s user list or in one of its segments',
  TIER_EXCLUDED: 'the user’s tier is not in the rollout',
  SPLIT: 'the percentage rollout decides by the user’s bucket',
};

/** "Who sees it": the flag's answer and reason for any user, by id or email, optionally as another tier. */
export function WhoSeesIt({ name }: { name: string }) {
  const id = useId();
  const users = useAdminUsers();
  const [who, setWho] = useState('');
  const [tier, setTier] = useState<Tier | ''>('');
  const [unknown, setUnknown] = useState(false);
  const evaluate = useMutation({ mutationFn: (userId: number) => adminApi.evaluate(name, userId, tier || undefined) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const userId = resolveUser(who, users.data);
    setUnknown(userId === undefined);
    if (userId !== undefined) evaluate.mutate(userId);
  };
  const answer = evaluate.data;

  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Who sees it</h2>
      <form className="stack" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-who`}>User id or email</label>
          <input id={`${id}-who`} value={who} onChange={(event) => setWho(event.target.value)} required
            aria-invalid={unknown || undefined} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-tier`}>As tier</label>
          <select id={`${id}-tier`} value={tier} onChange={(event) => setTier(event.target.value as Tier | '')}>
            <option value="">Their own tier</option>
            <option value="free">Free</option>
            <option value="pro">Pro</option>
            <option value="enterprise">Enterprise</option>
          </select>
        </div>
        <button type="submit" className="button" disabled={evaluate.isPending}>
          Check
        </button>
      </form>
      {unknown && <p className="field-error">No user has that email.</p>}
      {evaluate.isError && <ErrorMessage error={evaluate.error} />}
      {answer && (
        <p className="evaluation" role="status">
          <strong>{answer.enabled ? 'On' : 'Off'}</strong> for user #{answer.userId} ({answer.tier}):{' '}
          {answer.explanation || reasons[answer.reason] || answer.reason} <span className="mono small">({answer.reason}, bucket {answer.bucket})</span>
        </p>
      )}
    </section>
  );
}

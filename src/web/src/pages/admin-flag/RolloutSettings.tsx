import { useId, useState } from 'react';
import { adminApi } from '../../api/client';
import type { FlagStatus, GuardPolicy } from '../../api/adminTypes';
import type { Tier } from '../../api/types';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useFlagChange } from './useFlagChange';

const TIERS: Tier[] = ['free', 'pro', 'enterprise'];
const POLICIES: { value: GuardPolicy; label: string }[] = [
  { value: 'alert', label: 'Alert the admins' },
  { value: 'step-down', label: 'Step down to the previous phase' },
  { value: 'rollback', label: 'Roll back' },
];

/** Percentage, tiers and guard policy, set by hand (a phase deploy sets the first two for you). */
export function RolloutSettings({ status }: { status: FlagStatus }) {
  const id = useId();
  const change = useFlagChange();
  const [percentage, setPercentage] = useState(status.rolloutPercentage);
  // A flag keeps its tiers as strings (the server checks each is a tier), so the ticked ones are strings too.
  const [tiers, setTiers] = useState<string[]>(status.allowedTiers);
  // When the flag's values change (a save, a phase deploy, another admin), they replace what is shown: adjusted
  // while rendering, as React does for state that follows a prop, instead of an effect that would draw twice.
  const [shown, setShown] = useState({ percentage: status.rolloutPercentage, tiers: status.allowedTiers });
  if (shown.percentage !== status.rolloutPercentage || shown.tiers !== status.allowedTiers) {
    if (shown.percentage !== status.rolloutPercentage) setPercentage(status.rolloutPercentage);
    if (shown.tiers !== status.allowedTiers) setTiers(status.allowedTiers);
    setShown({ percentage: status.rolloutPercentage, tiers: status.allowedTiers });
  }
  const tiersChanged = [...tiers].sort().join() !== [...status.allowedTiers].sort().join();

  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Rollout</h2>
      <form className="stack" onSubmit={(event) => {
        event.preventDefault();
        change.mutate(() => adminApi.setRollout(status.name, percentage));
      }}>
        <div className="field">
          <label htmlFor={`${id}-percentage`}>Rollout percentage: {percentage}%</label>
          <input id={`${id}-percentage`} type="range" min={0} max={100} step={1} value={percentage}
            onChange={(event) => setPercentage(Number(event.target.value))} aria-valuetext={`${percentage}%`} />
        </div>
        <button type="submit" className="button" disabled={change.isPending || percentage === status.rolloutPercentage}>
          Apply {percentage}%
        </button>
      </form>
      <form className="stack" onSubmit={(event) => {
        event.preventDefault();
        change.mutate(() => adminApi.patch(status.name, { allowedTiers: tiers }));
      }}>
        <fieldset>
          <legend>Tiers (none ticked: all tiers)</legend>
          <div className="inline-form">
            {TIERS.map((tier) => (
              <label key={tier} className="check-row">
                <input type="checkbox" checked={tiers.includes(tier)}
                  onChange={(event) => setTiers(event.target.checked ? [...tiers, tier] : tiers.filter((t) => t !== tier))} />
                <span>{tier.charAt(0).toUpperCase() + tier.slice(1)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="button" disabled={change.isPending || !tiersChanged}>
          Save tiers
        </button>
      </form>
      <div className="field">
        <label htmlFor={`${id}-guard`}>When a threshold breaks during rollout</label>
        <select id={`${id}-guard`} value={status.guardPolicy} disabled={change.isPending}
          onChange={(event) => change.mutate(() => adminApi.patch(status.name, { guardPolicy: event.target.value }))}>
          {POLICIES.map((policy) => (
            <option key={policy.value} value={policy.value}>
              {policy.label}
            </option>
          ))}
        </select>
      </div>
      {change.isError && <ErrorMessage error={change.error} />}
    </section>
  );
}

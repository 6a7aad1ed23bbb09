import { useId, useState } from 'react';
import { adminApi } from '../../api/client';
import type { FlagStatus, GuardPolicy } from '../../api/adminTypes';
import type { Tier } from '../../api/types';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { HealthSummary } from './HealthSummary';
import { ReasonField, reasonOf } from './ReasonField';
import { SegmentTargeting } from './SegmentTargeting';
import { useFlagChange } from './useFlagChange';

const TIERS: Tier[] = ['free', 'pro', 'enterprise'];
const POLICIES: { value: GuardPolicy; label: string }[] = [
  { value: 'alert', label: 'Alert the admins' },
  { value: 'step-down', label: 'Step down to the previous phase' },
  { value: 'rollback', label: 'Roll back' },
];

/** Percentage, tiers, segments and guard policy, set by hand (a phase deploy sets the first three for you). */
export function RolloutSettings({ status }: { status: FlagStatus }) {
  const id = useId();
  const change = useFlagChange();
  const [policy, setPolicy] = useState<GuardPolicy | null>(null);
  const [reason, setReason] = useState('');
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
      <SegmentTargeting status={status} />
      <div className="field">
        <label htmlFor={`${id}-guard`}>When a threshold breaks during rollout</label>
        <select id={`${id}-guard`} value={status.guardPolicy} disabled={change.isPending}
          onChange={(event) => {
            change.reset();
            setPolicy(event.target.value as GuardPolicy);
          }}>
          {POLICIES.map((policy) => (
            <option key={policy.value} value={policy.value}>
              {policy.label}
            </option>
          ))}
        </select>
      </div>
      {change.isError && policy === null && <ErrorMessage error={change.error} />}
      {policy !== null && (
        <ConfirmDialog title="Change what the guard does?" confirmLabel="Change guard policy" busy={change.isPending}
          onCancel={() => {
            setPolicy(null);
            setReason('');
          }}
          onConfirm={() => change.mutate(() => adminApi.patch(status.name, { guardPolicy: policy, reason: reasonOf(reason) }), {
            onSuccess: () => {
              setPolicy(null);
              setReason('');
            },
          })}>
          <p>
            When a threshold breaks during rollout: <strong>{labelOf(status.guardPolicy)}</strong> → <strong>{labelOf(policy)}</strong>.
          </p>
          <HealthSummary status={status} />
          <ReasonField value={reason} onChange={setReason} />
          {change.isError && <ErrorMessage error={change.error} />}
        </ConfirmDialog>
      )}
    </section>
  );
}

function labelOf(policy: GuardPolicy): string {
  return POLICIES.find((p) => p.value === policy)?.label ?? policy;
}

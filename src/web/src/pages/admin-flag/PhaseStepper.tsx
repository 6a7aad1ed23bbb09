import { useState } from 'react';
import { adminApi } from '../../api/client';
import type { FlagStatus } from '../../api/adminTypes';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ActiveAlerts } from './ActiveAlerts';
import { AdvanceControl } from './AdvanceControl';
import { ReasonField, reasonOf } from './ReasonField';
import { useFlagChange } from './useFlagChange';

type Pending = { kind: 'deploy'; phase: string } | { kind: 'rollback' };

function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  return days > 0 ? `${days} d ${hours} h` : `${hours} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/**
 * init → internal → beta → expanded → general, with the health gate to leave the current phase (and the client
 * error rate beside it, which no gate judges), advance, and rollback.
 */
export function PhaseStepper({ status }: { status: FlagStatus }) {
  const change = useFlagChange();
  const [pending, setPending] = useState<Pending | null>(null);
  const [reason, setReason] = useState('');
  const current = status.phases.indexOf(status.phase ?? '');
  const done = () => {
    setPending(null);
    setReason('');
  };

  const confirm = () => {
    if (!pending) return;
    const why = reasonOf(reason);
    const run = pending.kind === 'deploy' ? () => adminApi.deploy(status.name, pending.phase, why) : () => adminApi.rollback(status.name, why);
    change.mutate(run, { onSuccess: done });
  };

  return (
    <section className="card stack admin-grid__wide" aria-labelledby="phases-title">
      <h2 id="phases-title">Rollout phase</h2>
      <ol className="stepper" aria-label="Rollout phases">
        {status.phases.map((phase, index) => (
          <li key={phase} aria-current={index === current ? 'step' : undefined}
            className={index < current ? 'stepper__step stepper__step--done' : index === current ? 'stepper__step stepper__step--current' : 'stepper__step'}>
            <span className="stepper__name">{phase}</span>
            {index === current && <span className="small">Current</span>}
            {index !== current && (
              <button type="button" className="button button--quiet" disabled={change.isPending}
                onClick={() => setPending({ kind: 'deploy', phase })} aria-label={`Deploy ${phase}`}>
                Deploy
              </button>
            )}
          </li>
        ))}
      </ol>
      <p className="small">
        {status.phase === 'rollback' ? 'Rolled back: off for everyone.' : `Phase ${status.phase ?? 'custom (no phase matches)'}`}
        {' · '}in it for {duration(status.timeInPhaseSeconds)}
        {status.plannedDurationSeconds !== null && ` of ${duration(status.plannedDurationSeconds)} planned`}
        {' · '}health <strong>{status.health}</strong>
        {status.health === 'unknown' && status.healthRequests !== null &&
          ` (${status.healthRequests} of the ${status.healthMinSamples} requests needed)`}
        {status.clientErrorRatePercent !== null &&
          ` · client errors ${status.clientErrorRatePercent}% (${status.clientErrors ?? 0} of ${status.healthRequests ?? 0}; not part of the health)`}
      </p>
      {status.healthBreaches.length > 0 && (
        <ul className="small breaches">
          {status.healthBreaches.map((breach) => <li key={breach}>{breach}</li>)}
        </ul>
      )}
      <ActiveAlerts />
      {/* A new phase is a new question: a refusal shown for the last one goes. */}
      <AdvanceControl key={status.phase ?? ''} status={status}>
        <button type="button" className="button button--danger" disabled={change.isPending || !status.enabled}
          onClick={() => setPending({ kind: 'rollback' })}>
          Roll back
        </button>
      </AdvanceControl>
      {change.isError && !pending && <ErrorMessage error={change.error} />}
      {pending && (
        <ConfirmDialog busy={change.isPending} onCancel={done} onConfirm={confirm} danger={pending.kind !== 'deploy'}
          title={pending.kind === 'deploy' ? `Deploy the ${pending.phase} phase?` : `Roll back ${status.name}?`}
          confirmLabel={pending.kind === 'deploy' ? 'Deploy' : 'Roll back'}>
          {pending.kind === 'deploy' && <p>Sets the switch, percentage and tiers of {pending.phase}; beta users stay.</p>}
          {pending.kind === 'rollback' && <p>Switches the feature off for everyone at once. Percentage, tiers and users are kept, so a redeploy restores the rollout.</p>}
          <ReasonField value={reason} onChange={setReason} />
          {change.isError && <ErrorMessage error={change.error} />}
        </ConfirmDialog>
      )}
    </section>
  );
}

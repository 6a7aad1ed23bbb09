import { useState } from 'react';
import { adminApi } from '../../api/client';
import type { FlagStatus } from '../../api/adminTypes';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ReasonField, reasonOf } from './ReasonField';
import { useFlagChange } from './useFlagChange';

/** The kill switch: off for everyone, beta users included; rollout, tiers and users are kept for a restore. */
export function KillSwitch({ status }: { status: FlagStatus }) {
  const change = useFlagChange();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const turn = (enabled: boolean) =>
    change.mutate(() => adminApi.patch(status.name, { enabled, reason: enabled ? undefined : reasonOf(reason) }), {
      onSuccess: () => {
        setConfirming(false);
        setReason('');
      },
    });
  return (
    <section className="card stack" aria-labelledby="kill-switch-title">
      <h2 id="kill-switch-title">Kill switch</h2>
      <div className="row-between">
        <span>
          The feature is <strong>{status.enabled ? 'on' : 'off'}</strong>
          {status.enabled ? ' for the users the rollout selects.' : ' for everyone.'}
        </span>
        <button type="button" role="switch" aria-checked={status.enabled} className="switch" aria-label="Feature enabled"
          disabled={change.isPending} onClick={() => (status.enabled ? setConfirming(true) : turn(true))}>
          <span className="switch__thumb" aria-hidden="true" />
        </button>
      </div>
      {change.isError && <ErrorMessage error={change.error} />}
      {confirming && (
        <ConfirmDialog title={`Turn ${status.name} off for everyone?`} confirmLabel="Turn off" danger busy={change.isPending}
          onConfirm={() => turn(false)} onCancel={() => setConfirming(false)}>
          <p>Every user loses the feature within a second, beta users included. The rollout percentage, tiers and beta list are kept, so turning it back on restores them.</p>
          <ReasonField value={reason} onChange={setReason} />
        </ConfirmDialog>
      )}
    </section>
  );
}

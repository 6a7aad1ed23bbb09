import { useState, type ReactNode } from 'react';
import { adminApi, isApiError } from '../../api/client';
import type { FlagStatus } from '../../api/adminTypes';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { HealthSummary } from './HealthSummary';
import { ReasonField, reasonOf } from './ReasonField';
import { useFlagChange } from './useFlagChange';

/** The server's refusal to advance: its words, and each reason for the confirmation to list. */
interface Refusal {
  detail: string;
  reasons: string[];
}

/** A 409 that names reasons is a refusal for want of evidence; any other failure is shown as it is. */
function refusalOf(error: unknown): Refusal | null {
  if (!isApiError(error, 409)) return null;
  const reasons = error.problem['reasons'];
  if (!Array.isArray(reasons) || reasons.length === 0) return null;
  return { detail: error.detail ?? error.title, reasons: reasons.filter((r): r is string => typeof r === 'string') };
}

/**
 * Advance to the next phase. The server refuses while the phase lacks evidence (health unknown or breached, its
 * planned time not run); the refusal shows here by the button, with a Force advance that asks first and is
 * recorded in the history as forced. `children` are the other buttons of the row.
 */
export function AdvanceControl({ status, children }: { status: FlagStatus; children?: ReactNode }) {
  const change = useFlagChange();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const next = status.nextPhase;

  const advance = () => {
    setRefusal(null);
    change.mutate(() => adminApi.advance(status.name, false, reasonOf(reason)), {
      onSuccess: () => setAsking(false),
      onError: (error) => {
        setAsking(false);
        setRefusal(refusalOf(error));
      },
    });
  };
  const force = () =>
    change.mutate(() => adminApi.advance(status.name, true, reasonOf(reason)), {
      onSuccess: () => {
        setConfirming(false);
        setRefusal(null);
      },
    });

  return (
    <div className="stack">
      <div className="inline-form">
        {next && (
          <button type="button" className="button button--primary" disabled={change.isPending} onClick={() => {
            change.reset();
            setAsking(true);
          }}>
            Advance to {next}
          </button>
        )}
        {children}
      </div>
      {refusal && !confirming && (
        <div className="alert alert--error stack" role="alert">
          <p>{refusal.detail}</p>
          <div className="inline-form">
            <button type="button" className="button button--danger" onClick={() => {
              change.reset(); // the dialog shows only what forcing says
              setConfirming(true);
            }}>
              Force advance…
            </button>
          </div>
        </div>
      )}
      {change.isError && !refusal && !confirming && <ErrorMessage error={change.error} />}
      {asking && next && (
        <ConfirmDialog busy={change.isPending} title={`Advance to ${next}?`} confirmLabel={`Advance to ${next}`}
          onCancel={() => setAsking(false)} onConfirm={advance}>
          <HealthSummary status={status} />
          <p>Advancing shows the feature to the {next} phase’s users now. The server refuses while the {status.phase} phase lacks the evidence, and says why.</p>
          <ReasonField value={reason} onChange={setReason} />
        </ConfirmDialog>
      )}
      {confirming && refusal && (
        <ConfirmDialog danger busy={change.isPending} title={`Force advance to ${next ?? 'the next phase'}?`}
          confirmLabel="Force advance" onCancel={() => setConfirming(false)} onConfirm={force}>
          <p>The {status.phase} phase has not shown what advancing needs:</p>
          <ul>{refusal.reasons.map((reason) => <li key={reason}>{reason}</li>)}</ul>
          <p>Forcing shows the feature to the next phase’s users now; the flag’s history records it as forced.</p>
          <ReasonField value={reason} onChange={setReason} />
          {change.isError && <ErrorMessage error={change.error} />}
        </ConfirmDialog>
      )}
    </div>
  );
}

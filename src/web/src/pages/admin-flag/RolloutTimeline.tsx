import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { adminApi } from '../../api/client';
import type { FlagStatus, Schedule, ScheduleStep } from '../../api/adminTypes';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ReasonField, reasonOf } from './ReasonField';
import { SegmentChecklist, useSegmentChoice } from './SegmentChecklist';
import { useFlagChange } from './useFlagChange';

export const scheduleKey = (name: string) => ['admin', 'flag', name, 'schedule'] as const;

// To the second: a step planned minutes ahead must not read as due a minute before it is.
const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function stepNote(step: ScheduleStep): string {
  if (step.state === 'done') return 'Done';
  if (step.state === 'current') return step.startedAt ? `Current, since ${when(step.startedAt)}` : 'Current';
  const how = step.scheduled ? 'By itself' : 'By hand';
  return step.earliestAt ? `${how}, not before ${when(step.earliestAt)}` : how;
}

/**
 * The rollout as a timeline (done, current, next and when) and its schedule: advance by itself up to a phase, each
 * step once the current phase has run its planned duration with its health gate holding, checked by the rollout
 * guard first; or stop and take every step by hand.
 */
export function RolloutTimeline({ status }: { status: FlagStatus }) {
  const name = status.name;
  const schedule = useQuery({ queryKey: scheduleKey(name), queryFn: ({ signal }) => adminApi.schedule(name, signal) });
  const [editing, setEditing] = useState(false);
  const [segmentsOf, setSegmentsOf] = useState<ScheduleStep | null>(null);
  const change = useFlagChange();
  const phaseChange = useFlagChange();
  const data = schedule.data;

  return (
    <section className="card stack admin-grid__wide" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      {schedule.isError && <ErrorMessage error={schedule.error} />}
      {data && (
        <>
          <ol className="timeline">
            {data.steps.map((step) => (
              <li key={step.phase} className={`timeline__step timeline__step--${step.state}`}
                aria-current={step.state === 'current' ? 'step' : undefined}>
                <span className="timeline__phase">{step.phase}</span>
                <span className="small muted">{step.enabled ? `${step.rolloutPercentage}%` : 'off'}</span>
                <span className="small">{stepNote(step)}</span>
                <span className="small">
                  {step.segments.length > 0 && <span className="mono">{step.segments.join(', ')} </span>}
                  <button type="button" className="link-button" aria-haspopup="dialog"
                    aria-label={`Segments of the ${step.phase} phase`}
                    onClick={() => { phaseChange.reset(); setSegmentsOf(step); }}>
                    Segments…
                  </button>
                </span>
              </li>
            ))}
          </ol>
          <ScheduleSummary schedule={data} />
          <div className="inline-form">
            {data.scheduled ? (
              <button type="button" className="button" disabled={change.isPending}
                onClick={() => change.mutate(() => adminApi.unschedule(name))}>
                Stop schedule
              </button>
            ) : (
              <button type="button" className="button" disabled={!data.guardEnabled || status.nextPhase == null}
                onClick={() => { change.reset(); setEditing(true); }} aria-haspopup="dialog">
                Advance automatically…
              </button>
            )}
          </div>
          {change.isError && !editing && <ErrorMessage error={change.error} />}
          {segmentsOf && (
            <PhaseSegmentsDialog flag={name} step={segmentsOf} busy={phaseChange.isPending}
              error={phaseChange.isError ? phaseChange.error : null} onCancel={() => setSegmentsOf(null)}
              onConfirm={(segments, reason) => phaseChange.mutate(
                () => adminApi.phaseSegments(name, segmentsOf.phase, { segments, reason: reasonOf(reason) ?? null }),
                { onSuccess: () => setSegmentsOf(null) })} />
          )}
          {editing && (
            <ScheduleDialog status={status} schedule={data} busy={change.isPending} error={change.isError ? change.error : null}
              onCancel={() => setEditing(false)}
              onConfirm={(until, reason) => change.mutate(() => adminApi.setSchedule(name, { until, reason: reasonOf(reason) ?? null }),
                { onSuccess: () => setEditing(false) })} />
          )}
        </>
      )}
    </section>
  );
}

function ScheduleSummary({ schedule }: { schedule: Schedule }) {
  if (!schedule.guardEnabled)
    return <p className="small">The rollout guard is off on this server, so a rollout cannot advance by itself.</p>;
  if (!schedule.scheduled) return <p className="small">Every step is taken by hand.</p>;
  return (
    <div className="small stack" role="status">
      <p>
        Advancing by itself up to <strong>{schedule.until}</strong>; the guard checks every {schedule.checkIntervalSeconds} s and
        acts on its policy instead when the feature is unhealthy.
      </p>
      {schedule.waitingFor.length === 0 ? <p>The next step comes at the guard's next check.</p> : (
        <>
          <p>The next step waits for:</p>
          <ul>{schedule.waitingFor.map((reason) => <li key={reason}>{reason}</li>)}</ul>
        </>
      )}
    </div>
  );
}

interface DialogProps {
  status: FlagStatus;
  schedule: Schedule;
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  onConfirm: (until: string, reason: string) => void;
}

function ScheduleDialog({ status, schedule, busy, error, onCancel, onConfirm }: DialogProps) {
  const later = schedule.steps.filter((s) => s.state === 'next' || s.state === 'later').map((s) => s.phase);
  const [until, setUntil] = useState(later[later.length - 1] ?? '');
  const [reason, setReason] = useState('');
  const id = useId();
  return (
    <Dialog title="Advance automatically?" onClose={onCancel} actions={
      <>
        <button type="button" className="button" onClick={onCancel} data-autofocus>Cancel</button>
        <button type="button" className="button button--primary" disabled={busy || !until} aria-busy={busy}
          onClick={() => onConfirm(until, reason)}>
          Schedule
        </button>
      </>
    }>
      <p>
        Each next phase is deployed by itself once the current one has run its planned duration and its health gate
        holds. Health now: <strong>{status.health}</strong>
        {status.health === 'unknown' && status.healthRequests != null &&
          ` (${status.healthRequests} of the ${status.healthMinSamples} requests needed)`}.
      </p>
      <div className="field">
        <label htmlFor={`${id}-until`}>Up to</label>
        <select id={`${id}-until`} value={until} onChange={(e) => setUntil(e.target.value)}>
          {later.map((phase) => <option key={phase} value={phase}>{phase}</option>)}
        </select>
      </div>
      <ReasonField value={reason} onChange={setReason} />
      {error != null && <ErrorMessage error={error} />}
    </Dialog>
  );
}

interface PhaseSegmentsProps {
  flag: string;
  step: ScheduleStep;
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  onConfirm: (segments: string[], reason: string) => void;
}

/** The segments one phase targets, applied when the phase is next deployed (the plan becomes the flag's own). */
function PhaseSegmentsDialog({ flag, step, busy, error, onCancel, onConfirm }: PhaseSegmentsProps) {
  const { segments, names, chosen, setChosen, changed } = useSegmentChoice(step.segments);
  const [reason, setReason] = useState('');
  return (
    <Dialog title={`Segments of the ${step.phase} phase`} onClose={onCancel} actions={
      <>
        <button type="button" className="button" onClick={onCancel} data-autofocus>Cancel</button>
        <button type="button" className="button button--primary" disabled={busy || !changed} aria-busy={busy}
          onClick={() => onConfirm(chosen, reason)}>
          Save
        </button>
      </>
    }>
      <p>
        Members of these segments get {flag} at any percentage while the {step.phase} phase is deployed. The change
        applies when the phase is next deployed{step.state === 'current' ? ' (deploy it again to apply it now)' : ''}.
      </p>
      {segments.isError && <ErrorMessage error={segments.error} />}
      {segments.data && names.length === 0 && <p className="small muted">No segments yet: create one under Admin → Segments.</p>}
      <fieldset>
        <legend className="visually-hidden">Segments</legend>
        <SegmentChecklist names={names} chosen={chosen} onChange={setChosen} />
      </fieldset>
      <ReasonField value={reason} onChange={setReason} />
      {error != null && <ErrorMessage error={error} />}
    </Dialog>
  );
}

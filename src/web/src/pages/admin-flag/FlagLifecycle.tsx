import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { adminApi } from '../../api/client';
import type { Flag } from '../../api/adminTypes';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { navigate } from '../../router/router';
import { lastEvaluatedText } from '../admin-flags/FlagsPage';
import { ReasonField, reasonOf } from './ReasonField';
import { useFlagChange } from './useFlagChange';

export const flagKey = (name: string) => ['admin', 'flag', name, 'flag'] as const;

type Pending = 'describe' | 'archive' | 'restore' | 'delete';

/** Days an archived flag must go unevaluated before it can be deleted (Unbuilt:Flags:DeleteAfterUnusedDays, default). */
const DELETE_AFTER_DAYS = 7;

/**
 * The flag's life: its description, archive (it then evaluates as not found everywhere), restore, and delete once
 * archived and unused. Each asks first, with an optional reason for the history.
 */
export function FlagLifecycle({ name }: { name: string }) {
  const flag = useQuery({ queryKey: flagKey(name), queryFn: ({ signal }) => adminApi.flag(name, signal) });
  const change = useFlagChange();
  const [pending, setPending] = useState<Pending | null>(null);
  if (!flag.data) return flag.isError ? <ErrorMessage error={flag.error} /> : null;
  const data = flag.data;
  const archived = data.state === 'archived';
  const open = (what: Pending) => {
    change.reset();
    setPending(what);
  };
  return (
    <section className="card stack admin-grid__wide" aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">Description and lifecycle</h2>
      <p>{data.description || <span className="muted">No description.</span>}</p>
      <p className="small">
        {archived ? <strong>Archived: it evaluates as not found everywhere. </strong> : null}
        Last evaluated: <strong>{lastEvaluatedText(data)}</strong>
        {data.readyToRemove && <> · <span className="badge badge--suggested">Ready to remove</span></>}
      </p>
      <div className="inline-form">
        <button type="button" className="button" disabled={archived} onClick={() => open('describe')}>
          Edit description
        </button>
        {archived ? (
          <>
            <button type="button" className="button" onClick={() => open('restore')}>Restore</button>
            <button type="button" className="button button--danger" onClick={() => open('delete')}>Delete…</button>
          </>
        ) : (
          <button type="button" className="button button--danger" onClick={() => open('archive')}>Archive…</button>
        )}
      </div>
      {change.isError && pending === null && <ErrorMessage error={change.error} />}
      {pending !== null && (
        <LifecycleDialog flag={data} what={pending} busy={change.isPending} error={change.isError ? change.error : null}
          onCancel={() => setPending(null)}
          onConfirm={(reason, description) => {
            const run = {
              describe: () => adminApi.patch(name, { description: description ?? '', reason }),
              archive: () => adminApi.archive(name, reason),
              restore: () => adminApi.restore(name, reason),
              delete: () => adminApi.deleteFlag(name, reason),
            }[pending];
            change.mutate(run, {
              onSuccess: () => {
                setPending(null);
                if (pending === 'delete') navigate('/admin/flags');
              },
            });
          }} />
      )}
    </section>
  );
}

interface DialogProps {
  flag: Flag;
  what: Pending;
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  onConfirm: (reason: string | undefined, description?: string) => void;
}

function LifecycleDialog({ flag, what, busy, error, onCancel, onConfirm }: DialogProps) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [description, setDescription] = useState(flag.description);
  const failure = error ? <ErrorMessage error={error} /> : null;
  if (what === 'describe') {
    return (
      <Dialog title={`Describe ${flag.name}`} onClose={onCancel} actions={
        <>
          <button type="button" className="button" onClick={onCancel}>Cancel</button>
          <button type="button" className="button button--primary" disabled={busy || description.trim() === flag.description}
            aria-busy={busy} onClick={() => onConfirm(reasonOf(reason), description.trim())}>
            Save description
          </button>
        </>
      }>
        <div className="field">
          <label htmlFor={`${id}-description`}>Description</label>
          <textarea id={`${id}-description`} rows={3} maxLength={1000} value={description}
            onChange={(event) => setDescription(event.target.value)} />
        </div>
        <ReasonField value={reason} onChange={setReason} />
        {failure}
      </Dialog>
    );
  }
  const text = {
    archive: {
      title: `Archive ${flag.name}?`, label: 'Archive',
      body: 'The flag evaluates as not found everywhere (off for everyone) and leaves the flags list. Its settings and history are kept, and Restore brings it back as it was.',
    },
    restore: {
      title: `Restore ${flag.name}?`, label: 'Restore',
      body: 'The flag comes back with the settings it had when archived, and evaluates as they say at once.',
    },
    delete: {
      title: `Delete ${flag.name}?`, label: 'Delete',
      body: `Deleting removes the flag for good; its history stays. It is allowed only for an archived flag that nothing has evaluated for ${DELETE_AFTER_DAYS} days (the server's setting may differ; it says when the flag can go if it refuses). Last evaluated: ${lastEvaluatedText(flag)}.`,
    },
  }[what];
  return (
    <ConfirmDialog title={text.title} confirmLabel={text.label} danger={what !== 'restore'} busy={busy}
      onCancel={onCancel} onConfirm={() => onConfirm(reasonOf(reason))}>
      <p>{text.body}</p>
      <ReasonField value={reason} onChange={setReason} />
      {failure}
    </ConfirmDialog>
  );
}

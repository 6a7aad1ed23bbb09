import { useId, useState, type FormEvent } from 'react';
import type { Phase } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/TextField';
import { usePlanContext } from './PlanActionsContext';
import { PlanToasts } from './PlanToasts';
import type { PhaseFields } from './usePhaseActions';

const NAME_MAX = 200;
const DESCRIPTION_MAX = 2000;

interface PhaseFormProps {
  title: string;
  submitLabel: string;
  initial?: PhaseFields;
  /** Sends the fields; the dialog closes when it resolves to true and stays open (the toast says why) otherwise. */
  onSubmit: (fields: PhaseFields) => Promise<boolean>;
  onClose: () => void;
}

/** A phase's name (required) and description (optional): to add a phase, or to rename and describe one. */
export function PhaseFormDialog({ title, submitLabel, initial, onSubmit, onClose }: PhaseFormProps) {
  const formId = useId();
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [nameError, setNameError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    if (!name.trim()) {
      setNameError('Give the phase a name.');
      document.getElementById(`${formId}-name`)?.focus();
      return;
    }
    setSaving(true);
    const done = await onSubmit({ name, description });
    setSaving(false);
    if (done) onClose();
  };

  return (
    <Dialog title={title} onClose={onClose} actions={
      <>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" form={formId} className="button button--primary" disabled={saving} aria-busy={saving}>
          {submitLabel}
        </button>
      </>
    }>
      <form id={formId} className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <TextField id={`${formId}-name`} label="Name" name="name" type="text" autoComplete="off" value={name}
          maxLength={NAME_MAX} errors={nameError !== null ? [nameError] : []}
          onChange={(value) => {
            setName(value);
            if (nameError) setNameError(null);
          }} />
        <div className="field">
          <label htmlFor={`${formId}-description`}>
            Description <span className="muted">(optional)</span>
          </label>
          <textarea id={`${formId}-description`} value={description} rows={3} maxLength={DESCRIPTION_MAX}
            onChange={(event) => setDescription(event.target.value)} />
        </div>
      </form>
      <PlanToasts />
    </Dialog>
  );
}

const taskCount = (n: number) => (n === 1 ? '1 task' : `${n} tasks`);

interface DeleteProps {
  phase: Phase;
  onDelete: (moveTasksTo: number | null) => Promise<boolean>;
  onClose: () => void;
}

/**
 * "Delete phase?": a phase's tasks are never deleted with it, so one that holds tasks asks which phase they move to
 * (the next one by default). A plan keeps at least one phase: for the only one, the dialog says so instead.
 */
export function DeletePhaseDialog({ phase, onDelete, onClose }: DeleteProps) {
  const { plan } = usePlanContext();
  const id = useId();
  const others = plan.phases.filter((p) => p.id !== phase.id);
  const index = plan.phases.findIndex((p) => p.id === phase.id);
  const [target, setTarget] = useState(() => (plan.phases[index + 1] ?? plan.phases[index - 1] ?? others[0])?.id ?? null);
  const [busy, setBusy] = useState(false);
  const count = phase.tasks.length;

  if (others.length === 0) {
    return (
      <Dialog title={`“${phase.name}” cannot be deleted`} onClose={onClose} actions={
        <button type="button" className="button button--primary" onClick={onClose}>
          OK
        </button>
      }>
        <p>A plan keeps at least one phase, and “{phase.name}” is this plan’s only one. Add another phase first, or rename this one.</p>
        <PlanToasts />
      </Dialog>
    );
  }

  const confirm = async () => {
    setBusy(true);
    const done = await onDelete(count > 0 ? target : null);
    setBusy(false);
    if (done) onClose();
  };

  return (
    <Dialog title={`Delete phase “${phase.name}”?`} onClose={onClose} actions={
      <>
        <button type="button" className="button" onClick={onClose} data-autofocus={count === 0 || undefined}>
          Cancel
        </button>
        <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={busy} aria-busy={busy}>
          Delete phase
        </button>
      </>
    }>
      {count === 0 ? (
        <p>“{phase.name}” has no tasks. You can undo this.</p>
      ) : (
        <>
          <p>
            “{phase.name}” holds {taskCount(count)}. They are not deleted: they move to the end of the phase you choose,
            in their order. You can undo this.
          </p>
          <div className="field">
            <label htmlFor={`${id}-target`}>Move its {taskCount(count)} to</label>
            <select id={`${id}-target`} value={target ?? ''} onChange={(event) => setTarget(Number(event.target.value))}>
              {others.map((other) => (
                <option key={other.id} value={other.id}>
                  {other.name}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      <PlanToasts />
    </Dialog>
  );
}

import { useId, useState, type FormEvent } from 'react';
import type { Phase } from '../../api/types';
import { usePlanContext } from './PlanActionsContext';

export function AddTaskForm({ phase }: { phase: Phase }) {
  const { actions } = usePlanContext();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [saving, setSaving] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim() || saving) return;
    setSaving(true);
    const added = await actions.addTask(phase.id, title.trim());
    setSaving(false);
    if (added) setTitle('');
  };

  if (!open) {
    return (
      <button type="button" className="button button--quiet add-task" onClick={() => setOpen(true)}
        aria-label={`Add task to ${phase.name}`}>
        + Add task
      </button>
    );
  }
  return (
    <form className="inline-form add-task-form" onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}>
      <label htmlFor={id} className="visually-hidden">
        New task in {phase.name}
      </label>
      <input id={id} value={title} onChange={(event) => setTitle(event.target.value)} placeholder="What needs doing?"
        maxLength={200} autoFocus required />
      <button type="submit" className="button button--primary" disabled={saving} aria-busy={saving}>
        Add
      </button>
      <button type="button" className="button" onClick={() => setOpen(false)}>
        Done
      </button>
    </form>
  );
}

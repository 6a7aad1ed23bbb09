import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { PlanPatch, PlanSummary } from '../../api/types';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Menu, type MenuItem } from '../../components/Menu';
import { ProgressBar, progressSummary } from '../../components/ProgressBar';
import { planKey, plansKey } from '../../plans/queries';
import { Link } from '../../router/router';

export function PlanCard({ plan }: { plan: PlanSummary }) {
  const client = useQueryClient();
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: plansKey });
    void client.invalidateQueries({ queryKey: planKey(plan.id) });
  };
  const update = useMutation({ mutationFn: (patch: PlanPatch) => api.updatePlan(plan.id, patch), onSuccess: refresh });
  const remove = useMutation({
    mutationFn: () => api.deletePlan(plan.id),
    onSuccess: () => {
      setDeleting(false);
      client.removeQueries({ queryKey: planKey(plan.id) });
      void client.invalidateQueries({ queryKey: plansKey });
    },
  });
  const owner = plan.role === 'owner';
  const canEdit = plan.role !== 'viewer';
  const archived = plan.status === 'archived';
  const items: MenuItem[] = [
    { label: 'Rename', onSelect: () => setRenaming(true), disabled: !canEdit },
    archived
      ? { label: 'Restore', onSelect: () => update.mutate({ status: 'active' }), disabled: !canEdit }
      : { label: 'Archive', onSelect: () => update.mutate({ status: 'archived' }), disabled: !canEdit },
    { label: 'Delete', onSelect: () => setDeleting(true), disabled: !owner, danger: true },
  ];

  return (
    <article className="card plan-card" aria-labelledby={`plan-${plan.id}`}>
      <div className="plan-card__head">
        {renaming ? (
          <RenameForm title={plan.title} busy={update.isPending}
            onSave={(title) => update.mutate({ title }, { onSuccess: () => setRenaming(false) })}
            onCancel={() => setRenaming(false)} />
        ) : (
          <h2 id={`plan-${plan.id}`} className="plan-card__title">
            <Link to={`/plans/${plan.id}`}>{plan.title}</Link>
          </h2>
        )}
        <Menu label={`Actions for ${plan.title}`} items={items}>
          <span aria-hidden="true">⋯</span>
        </Menu>
      </div>
      <div className="plan-card__meta small muted">
        {archived && <span className="badge badge--muted">Archived</span>}
        {plan.status === 'completed' && <span className="badge badge--done">Completed</span>}
        {!owner && <span className="badge badge--muted">Shared with you ({plan.role})</span>}
        <span>{progressSummary(plan.progress)}</span>
      </div>
      <ProgressBar label={`Progress of ${plan.title}`} progress={plan.progress} />
      {update.isError && <ErrorMessage error={update.error} />}
      {deleting && (
        <ConfirmDialog title={`Delete “${plan.title}”?`} confirmLabel="Delete plan" danger busy={remove.isPending}
          onConfirm={() => remove.mutate()} onCancel={() => setDeleting(false)}>
          <p>
            The plan and its {plan.progress.total} tasks and history are deleted for everyone it is shared with. This
            cannot be undone.
          </p>
          {remove.isError && <ErrorMessage error={remove.error} />}
        </ConfirmDialog>
      )}
    </article>
  );
}

function RenameForm({ title, busy, onSave, onCancel }: { title: string; busy: boolean; onSave: (title: string) => void; onCancel: () => void }) {
  const [value, setValue] = useState(title);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim()) onSave(value.trim());
  };
  return (
    <form className="inline-form" onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <label className="visually-hidden" htmlFor={id}>
        Plan title
      </label>
      <input id={id} value={value} onChange={(event) => setValue(event.target.value)} maxLength={200} required autoFocus />
      <button type="submit" className="button button--primary" disabled={busy}>
        Save
      </button>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

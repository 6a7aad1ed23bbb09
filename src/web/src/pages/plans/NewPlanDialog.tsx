import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { CreatePlan } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/TextField';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { planKey, plansKey } from '../../plans/queries';
import { navigate } from '../../router/router';
import { newPlanBody, TITLE_MAX } from './newPlan';

/** A plan without a search: a title, and a template to start from or none (a blank plan). */
export function NewPlanDialog({ onClose }: { onClose: () => void }) {
  const client = useQueryClient();
  const formId = useId();
  const templates = useQuery({ queryKey: ['templates'], queryFn: ({ signal }) => api.templates(signal), staleTime: Infinity });
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [titleError, setTitleError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: CreatePlan) => api.createPlan(body),
    onSuccess: ({ body: plan }) => {
      client.setQueryData(planKey(plan.id), plan);
      void client.invalidateQueries({ queryKey: plansKey });
      navigate(`/plans/${plan.id}`);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = newPlanBody(title, description, templateId);
    if (typeof body === 'string') {
      setTitleError(body);
      document.getElementById(`${formId}-title`)?.focus();
      return;
    }
    if (!create.isPending) create.mutate(body);
  };

  return (
    <Dialog title="New plan" onClose={onClose} className="dialog--sticky-actions" actions={
      <>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" form={formId} className="button button--primary" disabled={create.isPending}
          aria-busy={create.isPending}>
          Create plan
        </button>
      </>
    }>
      <form id={formId} className="stack" onSubmit={submit} noValidate>
        <TextField id={`${formId}-title`} label="Title" name="title" type="text" autoComplete="off" value={title}
          maxLength={TITLE_MAX} errors={titleError !== null ? [titleError] : []}
          onChange={(value) => {
            setTitle(value);
            if (titleError) setTitleError(null);
          }} />
        <div className="field">
          <label htmlFor={`${formId}-description`}>
            Description <span className="muted">(optional)</span>
          </label>
          <textarea id={`${formId}-description`} value={description} rows={2} maxLength={2000}
            onChange={(event) => setDescription(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${formId}-template`}>Start from</label>
          {templates.isPending && <Loading label="Loading templates…" />}
          {templates.isError && <ErrorMessage error={templates.error} />}
          <select id={`${formId}-template`} value={templateId} onChange={(event) => setTemplateId(event.target.value)}>
            <option value="">A blank plan</option>
            {templates.data?.map((template) => (
              <option key={template.id} value={template.id}>
                {template.name} ({template.phaseCount} phases, {template.taskCount} tasks)
              </option>
            ))}
          </select>
        </div>
        {create.isError && <ErrorMessage error={create.error} />}
      </form>
    </Dialog>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, isApiError } from '../../api/client';
import type { SearchResult } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { planKey, plansKey } from '../../plans/queries';
import { defaultTemplateId } from '../../plans/templateChoice';
import { Link, navigate } from '../../router/router';

export function CreatePlanDialog({ result, onClose }: { result: SearchResult; onClose: () => void }) {
  const client = useQueryClient();
  const templates = useQuery({ queryKey: ['templates'], queryFn: ({ signal }) => api.templates(signal), staleTime: Infinity });
  const suggested = defaultTemplateId(result.category, result.industry);
  const [templateId, setTemplateId] = useState(suggested);
  const create = useMutation({
    // The suggested template is the server's own default: send it only when the user picked another.
    mutationFn: () => api.createPlan({ searchResultId: result.id, templateId: templateId === suggested ? undefined : templateId }),
    onSuccess: ({ body: plan }) => {
      client.setQueryData(planKey(plan.id), plan);
      void client.invalidateQueries({ queryKey: plansKey });
      navigate(`/plans/${plan.id}`);
    },
  });
  const existing = isApiError(create.error, 409) ? Number(create.error.problem['existingPlanId']) : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!create.isPending) create.mutate();
  };

  return (
    <Dialog title="Create action plan" onClose={onClose}>
      <form className="stack" onSubmit={submit}>
        <p className="muted">
          A plan for <strong>{result.title}</strong>, with phases and tasks from a template.
        </p>
        {templates.isPending && <Loading label="Loading templates…" />}
        {templates.isError && <ErrorMessage error={templates.error} />}
        {templates.data && (
          <fieldset className="template-picker">
            <legend>Template</legend>
            {templates.data.map((template) => (
              <label key={template.id} className="template-option">
                <input type="radio" name="template" value={template.id} checked={templateId === template.id}
                  onChange={() => setTemplateId(template.id)} />
                <span>
                  <strong>{template.name}</strong>
                  {template.id === suggested && <span className="badge badge--suggested">Suggested</span>}
                  <span className="muted small template-option__text">
                    {template.phaseCount} phases, {template.taskCount} tasks. {template.description}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {create.isError && existing === undefined && <ErrorMessage error={create.error} />}
        {existing !== undefined && (
          <div className="alert alert--info" role="alert">
            You already have an active plan for this gap. <Link to={`/plans/${existing}`}>Open it</Link>
          </div>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={create.isPending || !templates.data}
            aria-busy={create.isPending}>
            Create plan
          </button>
        </div>
      </form>
    </Dialog>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { SearchResult } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { planKey, plansKey } from '../../plans/queries';
import { defaultTemplateId } from '../../plans/templateChoice';
import { Link, navigate } from '../../router/router';
import { existingPlanId } from './existingPlan';
import { searchKey } from './searchKey';

/**
 * A plan from a search result, with a template. The body scrolls and the footer stays in view, so "Create plan" is
 * on screen at any size (a phone shows the template list scrolled, not the button a screen further down).
 */
export function CreatePlanDialog({ result, searchId, onClose }: { result: SearchResult; searchId?: number; onClose: () => void }) {
  const client = useQueryClient();
  const formId = useId();
  const templates = useQuery({ queryKey: ['templates'], queryFn: ({ signal }) => api.templates(signal), staleTime: Infinity });
  const suggested = defaultTemplateId(result.category, result.industry);
  const [templateId, setTemplateId] = useState(suggested);
  const create = useMutation({
    // The suggested template is the server's own default: send it only when the user picked another.
    mutationFn: () => api.createPlan({ searchResultId: result.id, templateId: templateId === suggested ? undefined : templateId }),
    onSuccess: ({ body: plan }) => {
      client.setQueryData(planKey(plan.id), plan);
      void client.invalidateQueries({ queryKey: plansKey });
      if (searchId !== undefined) void client.invalidateQueries({ queryKey: searchKey(searchId) });
      navigate(`/plans/${plan.id}`);
    },
  });
  const existing = existingPlanId(create.error);
  const cancel = useRef<HTMLButtonElement>(null);
  const picker = useRef<HTMLFieldSetElement>(null);
  const loaded = templates.data !== undefined;

  // The dialog opens with focus on Cancel while the templates load; once they are in, focus moves to the chosen
  // one, unless the user has already moved it.
  useEffect(() => {
    if (loaded && document.activeElement === cancel.current) {
      picker.current?.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.focus();
    }
  }, [loaded]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!create.isPending && existing === null) create.mutate();
  };

  return (
    <Dialog title="Create action plan" onClose={onClose} className="dialog--sticky-actions" actions={
      <>
        <button ref={cancel} type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        {existing !== null ? (
          <Link to={`/plans/${existing}`} className="button button--primary">
            Open plan
          </Link>
        ) : (
          <button type="submit" form={formId} className="button button--primary"
            disabled={create.isPending || !templates.data} aria-busy={create.isPending}>
            Create plan
          </button>
        )}
      </>
    }>
      <form id={formId} className="stack" onSubmit={submit}>
        <p className="muted">
          A plan for <strong>{result.title}</strong>, with phases and tasks from a template.
        </p>
        {existing !== null && (
          <div className="alert alert--info" role="alert">
            You already have an active plan for this gap: open it to keep working on it.
          </div>
        )}
        {create.isError && existing === null && <ErrorMessage error={create.error} />}
        {templates.isPending && <Loading label="Loading templates…" />}
        {templates.isError && <ErrorMessage error={templates.error} />}
        {templates.data && (
          <fieldset ref={picker} className="template-picker" disabled={existing !== null}>
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
      </form>
    </Dialog>
  );
}

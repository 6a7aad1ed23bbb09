import { useDeferredValue, useId, useState } from 'react';
import type { Task } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { usePlanContext } from './PlanActionsContext';
import { PlanToasts } from './PlanToasts';

/** Pick the tasks this one waits for; each tick links or unlinks at once (the server refuses cycles). */
export function DependenciesDialog({ task }: { task: Task }) {
  const { plan, actions } = usePlanContext();
  // The tick shows at once; it settles to the server's answer (or back, with a message, on refusal).
  const [intent, setIntent] = useState<{ id: number; on: boolean } | null>(null);
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim().toLowerCase());
  const searchId = useId();
  const linked = (id: number) => (intent?.id === id ? intent.on : task.prerequisiteIds.includes(id));

  const toggle = async (prerequisiteId: number, on: boolean) => {
    setIntent({ id: prerequisiteId, on });
    await actions.setDependency(task.id, prerequisiteId, on);
    setIntent(null);
  };

  return (
    <Dialog title={`“${task.title}” waits for…`} onClose={actions.closeDialog} className="dialog--wide" actions={
      <button type="button" className="button button--primary" onClick={actions.closeDialog}>
        Done
      </button>
    }>
      <p className="muted small">A task is blocked until every task it waits for is completed or skipped.</p>
      <div className="field">
        <label htmlFor={searchId}>Find a task</label>
        <input id={searchId} type="search" value={search} onChange={(event) => setSearch(event.target.value)}
          placeholder="Type part of a title" data-autofocus />
      </div>
      <div className="dependency-list">
        {plan.phases.map((phase) => {
          const candidates = phase.tasks.filter((t) => t.id !== task.id && (query === '' || t.title.toLowerCase().includes(query)));
          if (candidates.length === 0) return null;
          return (
            <fieldset key={phase.id}>
              <legend>{phase.name}</legend>
              {candidates.map((candidate) => (
                <label key={candidate.id} className="check-row">
                  <input type="checkbox" checked={linked(candidate.id)} disabled={intent !== null && intent.id !== candidate.id}
                    onChange={(event) => void toggle(candidate.id, event.target.checked)} />
                  <span>{candidate.title}</span>
                </label>
              ))}
            </fieldset>
          );
        })}
      </div>
      <PlanToasts />
    </Dialog>
  );
}

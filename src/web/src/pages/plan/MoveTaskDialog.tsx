import { useId, useState, type FormEvent } from 'react';
import type { Task } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { usePlanContext } from './PlanActionsContext';

const FIRST = 'first';

/** "Move to…": the no-drag way to put a task anywhere, in any phase. */
export function MoveTaskDialog({ task }: { task: Task }) {
  const { plan, actions } = usePlanContext();
  const id = useId();
  const [phaseId, setPhaseId] = useState(task.phaseId);
  const others = plan.phases.find((p) => p.id === phaseId)?.tasks.filter((t) => t.id !== task.id) ?? [];
  const [after, setAfter] = useState<string>(() => {
    const own = plan.phases.find((p) => p.id === task.phaseId)?.tasks ?? [];
    const index = own.findIndex((t) => t.id === task.id);
    return index > 0 ? String(own[index - 1]!.id) : FIRST;
  });

  const choosePhase = (value: number) => {
    setPhaseId(value);
    const tasks = plan.phases.find((p) => p.id === value)?.tasks.filter((t) => t.id !== task.id) ?? [];
    setAfter(tasks.length > 0 ? String(tasks[tasks.length - 1]!.id) : FIRST);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    actions.closeDialog();
    actions.moveTask(task.id, phaseId, after === FIRST ? null : Number(after));
  };

  return (
    <Dialog title={`Move “${task.title}”`} onClose={actions.closeDialog}>
      <form className="stack" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-phase`}>Phase</label>
          <select id={`${id}-phase`} value={phaseId} onChange={(event) => choosePhase(Number(event.target.value))}>
            {plan.phases.map((phase) => (
              <option key={phase.id} value={phase.id}>
                {phase.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-after`}>Position</label>
          <select id={`${id}-after`} value={after} onChange={(event) => setAfter(event.target.value)}>
            <option value={FIRST}>At the top</option>
            {others.map((other) => (
              <option key={other.id} value={other.id}>
                After “{other.title}”
              </option>
            ))}
          </select>
        </div>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={actions.closeDialog}>
            Cancel
          </button>
          <button type="submit" className="button button--primary">
            Move
          </button>
        </div>
      </form>
    </Dialog>
  );
}

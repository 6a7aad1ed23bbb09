import type { Prerequisite, Task } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { usePlanContext } from './PlanActionsContext';

const statusWords = { notStarted: 'not started', inProgress: 'in progress', completed: 'completed', skipped: 'skipped' };

/** Completing a task whose prerequisites are not done: say which, and let the user go ahead anyway. */
export function BlockedDialog({ task, prerequisites }: { task: Task; prerequisites: Prerequisite[] }) {
  const { actions } = usePlanContext();
  return (
    <Dialog title={`“${task.title}” is waiting for other tasks`} onClose={actions.closeDialog} actions={
      <>
        <button type="button" className="button" onClick={actions.closeDialog} data-autofocus>
          Cancel
        </button>
        <button type="button" className="button button--primary" onClick={() => actions.completeAnyway(task.id)}>
          Complete anyway
        </button>
      </>
    }>
      <p>These prerequisites are not done yet:</p>
      <ul className="prerequisites">
        {prerequisites.map((p) => (
          <li key={p.id}>
            {p.title} <span className="muted">({statusWords[p.status] ?? p.status})</span>
          </li>
        ))}
      </ul>
      <p className="muted small">Completing it anyway is recorded in the plan's history.</p>
    </Dialog>
  );
}

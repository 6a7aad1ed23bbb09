import { nextActions } from '../../plans/derive';
import { usePlanContext } from './PlanActionsContext';

const SHOWN = 5;

/** Not-started tasks whose prerequisites are all done: what can be picked up now. */
export function NextActions() {
  const { plan } = usePlanContext();
  const ready = nextActions(plan);
  const phaseName = (phaseId: number) => plan.phases.find((p) => p.id === phaseId)?.name ?? '';
  const focusTask = (taskId: number) => {
    const box = document.getElementById(`task-${taskId}`);
    box?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    box?.focus({ preventScroll: true });
  };
  return (
    <section className="card stack" aria-labelledby="next-actions-title">
      <h2 id="next-actions-title" className="section-title">
        Next actions
      </h2>
      {ready.length === 0 ? (
        <p className="muted small">Nothing is ready to start: everything is done, under way, or waiting for something.</p>
      ) : (
        <ul className="plain-list next-actions">
          {ready.slice(0, SHOWN).map((task) => (
            <li key={task.id}>
              <button type="button" className="link-button" onClick={() => focusTask(task.id)}>
                {task.title}
              </button>
              <span className="small muted">{phaseName(task.phaseId)}</span>
            </li>
          ))}
        </ul>
      )}
      {ready.length > SHOWN && <p className="small muted">and {ready.length - SHOWN} more ready to start</p>}
    </section>
  );
}

import { Menu } from '../../components/Menu';
import { PageTitle } from '../../components/PageTitle';
import { ProgressBar, progressSummary } from '../../components/ProgressBar';
import type { LivePlan } from '../../live/useLivePlan';
import { Link } from '../../router/router';
import { usePlanContext } from './PlanActionsContext';
import { Pace } from './Pace';
import { Presence } from './Presence';

const liveLabels = { live: 'Live', connecting: 'Connecting…', offline: 'Offline: changes sync when the connection returns' };

export function PlanHeader({ live, userId }: { live: LivePlan; userId: number }) {
  const { plan, canEdit, actions } = usePlanContext();
  return (
    <header className="plan-header stack">
      <p className="small">
        <Link to="/plans">← All plans</Link>
      </p>
      <div className="plan-header__top">
        <PageTitle title={plan.title} />
        <div className="plan-header__live">
          <span className={`live-dot live-dot--${live.status}`} aria-hidden="true" />
          <span className="small muted">{liveLabels[live.status]}</span>
          <Presence viewers={live.viewers} userId={userId} />
        </div>
      </div>
      {plan.status === 'archived' && <p className="badge badge--muted">Archived</p>}
      {!canEdit && <p className="muted">You can view this plan; only its editors can change it.</p>}
      <div className="plan-header__progress">
        <ProgressBar label="Overall progress" progress={plan.progress} />
        <p className="small muted">{progressSummary(plan.progress)}</p>
        <Pace />
      </div>
      <div className="toolbar" role="toolbar" aria-label="Plan actions">
        <button type="button" className="button" onClick={() => void actions.undo()} disabled={!canEdit || actions.busy}
          aria-keyshortcuts="Control+Z">
          Undo
        </button>
        <button type="button" className="button" onClick={() => void actions.redo()} disabled={!canEdit || actions.busy}
          aria-keyshortcuts="Control+Shift+Z Control+Y">
          Redo
        </button>
        <Menu label="Export" items={[
          { label: 'CSV', onSelect: () => void actions.exportAs('csv') },
          { label: 'Markdown', onSelect: () => void actions.exportAs('markdown') },
          { label: 'JSON', onSelect: () => void actions.exportAs('json') },
        ]} />
        {plan.role === 'owner' ? (
          <button type="button" className="button" onClick={() => actions.openDialog({ kind: 'share' })}
            aria-haspopup="dialog">
            Share
          </button>
        ) : (
          <button type="button" className="button" onClick={() => actions.openDialog({ kind: 'leave' })}
            aria-haspopup="dialog">
            Leave plan
          </button>
        )}
      </div>
    </header>
  );
}

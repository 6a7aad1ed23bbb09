import { useState } from 'react';
import type { UndoState } from '../../api/types';
import { Menu } from '../../components/Menu';
import { PageTitle } from '../../components/PageTitle';
import { ProgressBar, progressSummary } from '../../components/ProgressBar';
import { useOnline } from '../../live/online';
import type { LivePlan } from '../../live/useLivePlan';
import { useUndoState } from '../../plans/queries';
import { usePendingCount } from '../../plans/usePlanOps';
import { Link } from '../../router/router';
import { usePlanContext } from './PlanActionsContext';
import { Pace } from './Pace';
import { Presence } from './Presence';

const liveLabels = { live: 'Live', connecting: 'Connecting…', offline: 'Offline — changes will be sent when you are back' };

/** The undo/redo state to draw: the server's latest answer, or (while it cannot answer) the last one it gave. */
function useUndoButtons(planId: number, version: number, enabled: boolean) {
  const query = useUndoState(planId, version, enabled);
  const [last, setLast] = useState<UndoState | null>(null);
  if (query.data && query.data !== last) setLast(query.data);
  const current = query.isError ? null : (query.data ?? null);
  return {
    undoLabel: current?.undo ? `Undo: ${current.undo.summary}` : 'Undo',
    redoLabel: current?.redo ? `Redo: ${current.redo.summary}` : 'Redo',
    canUndo: last ? last.undo !== null : true,
    canRedo: last ? last.redo !== null : true,
  };
}

export function PlanHeader({ live, userId }: { live: LivePlan; userId: number }) {
  const { plan, canEdit, actions } = usePlanContext();
  const online = useOnline();
  const pending = usePendingCount(plan.id);
  const undo = useUndoButtons(plan.id, plan.version, canEdit);
  const status = online ? live.status : 'offline';
  const blocked = !canEdit || actions.busy || !online;
  return (
    <header className="plan-header stack">
      <p className="small">
        <Link to="/plans">← All plans</Link>
      </p>
      <div className="plan-header__top">
        <PageTitle title={plan.title} />
        <div className="plan-header__live">
          <span className={`live-dot live-dot--${status}`} aria-hidden="true" />
          <span className={`small ${status === 'offline' ? 'live-status--offline' : 'muted'}`} role="status">
            {liveLabels[status]}
            {!online && pending > 0 && ` · ${pending} ${pending === 1 ? 'change' : 'changes'} waiting`}
          </span>
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
        <button type="button" className="button undo-button" onClick={() => void actions.undo()}
          disabled={blocked || !undo.canUndo} aria-keyshortcuts="Control+Z" title={undo.undoLabel}>
          <span className="undo-button__label">{undo.undoLabel}</span>
        </button>
        <button type="button" className="button undo-button" onClick={() => void actions.redo()}
          disabled={blocked || !undo.canRedo} aria-keyshortcuts="Control+Shift+Z Control+Y" title={undo.redoLabel}>
          <span className="undo-button__label">{undo.redoLabel}</span>
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

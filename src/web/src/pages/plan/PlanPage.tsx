import { useEffect, useMemo, useRef } from 'react';
import type { PageProps } from '../../app/routes';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { useLivePlan } from '../../live/useLivePlan';
import { withPending } from '../../plans/optimistic';
import { usePlan } from '../../plans/queries';
import { undoCommandFor } from '../../plans/undoKeys';
import { usePendingOps } from '../../plans/usePlanOps';
import { Link } from '../../router/router';
import { PlanBoard } from './PlanBoard';
import { PlanContext } from './PlanActionsContext';
import { PlanDialogs } from './PlanDialogs';
import { PlanHeader } from './PlanHeader';
import { PlanSidebar } from './PlanSidebar';
import { RemoteChangeAnnouncer } from './RemoteChangeAnnouncer';
import { usePlanActions } from './usePlanActions';

export function PlanPage({ params, user }: PageProps) {
  const planId = Number(params['planId']);
  const query = usePlan(planId);
  const pending = usePendingOps(planId);
  const live = useLivePlan(planId, query.data !== undefined);
  const plan = useMemo(() => (query.data ? withPending(query.data, pending) : undefined), [query.data, pending]);
  const actions = usePlanActions(planId, plan);
  const latest = useRef(actions);
  latest.current = actions;
  const canEdit = plan !== undefined && plan.role !== 'viewer';
  const loaded = plan !== undefined;

  // For the first-load measurement in the browser tests (and anyone's devtools).
  useEffect(() => {
    if (loaded) performance.mark('unbuilt:plan-ready');
  }, [loaded]);

  useEffect(() => {
    if (!canEdit) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const command = undoCommandFor(event);
      if (!command || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      void (command === 'undo' ? latest.current.undo() : latest.current.redo());
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [canEdit]);

  if (!Number.isInteger(planId)) return <PlanMissing />;
  if (query.isPending) return <Loading label="Loading the plan…" />;
  if (query.isError || !plan) {
    return (
      <>
        <PageTitle title="Plan not available" />
        <ErrorMessage error={query.error} />
        <p>
          <Link to="/plans">Back to your plans</Link>
        </p>
      </>
    );
  }
  if (live.deleted) return <PlanMissing deleted />;

  return (
    <PlanContext.Provider value={{ plan, canEdit, actions }}>
      <div className="plan-page">
        <PlanHeader live={live} userId={user.id} />
        {actions.notice && (
          <Notice tone={actions.notice.tone} onDismiss={actions.dismissNotice}>
            {actions.notice.text}
          </Notice>
        )}
        <RemoteChangeAnnouncer change={live.lastRemoteChange} viewers={live.viewers} />
        <div className="plan-layout">
          <PlanBoard />
          <PlanSidebar />
        </div>
        <PlanDialogs />
      </div>
    </PlanContext.Provider>
  );
}

function PlanMissing({ deleted }: { deleted?: boolean }) {
  return (
    <>
      <PageTitle title={deleted ? 'This plan was deleted' : 'Plan not found'} />
      <p className="lead">{deleted ? 'Someone deleted this plan while you had it open.' : 'There is no plan at this address.'}</p>
      <p>
        <Link to="/plans">Back to your plans</Link>
      </p>
    </>
  );
}

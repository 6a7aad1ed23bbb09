import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import type { AccessEnd, MemberRole } from '../../api/types';
import type { PageProps } from '../../app/routes';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { clearAccessEnded, useAccessEnded } from '../../live/access';
import { useOnline } from '../../live/online';
import { useLivePlan } from '../../live/useLivePlan';
import { withPending } from '../../plans/optimistic';
import { usePlan } from '../../plans/queries';
import { nextFocus, shortcutFor, type Shortcut } from '../../plans/shortcuts';
import { undoCommandFor, type UndoCommand } from '../../plans/undoKeys';
import { usePendingOps } from '../../plans/usePlanOps';
import { Link } from '../../router/router';
import { PlanBoard } from './PlanBoard';
import { PlanContext } from './PlanActionsContext';
import { PlanDialogs } from './PlanDialogs';
import { PlanHeader } from './PlanHeader';
import { PlanSidebar } from './PlanSidebar';
import { RemoteChangeAnnouncer } from './RemoteChangeAnnouncer';
import { ShortcutsDialog } from './ShortcutsDialog';
import { PlanToasts } from './PlanToasts';
import { TaskPanel } from './TaskPanel';
import { openTask } from './taskUrl';
import { usePlanView } from './usePlanView';
import { usePlanActions } from './usePlanActions';

export function PlanPage({ params, user }: PageProps) {
  const planId = Number(params['planId']);
  const client = useQueryClient();
  // Once the hub says this user may no longer see the plan, nothing asks for it again and the page says why.
  const ended = useAccessEnded(planId);
  const query = usePlan(planId, ended === null);
  const pending = usePendingOps(planId);
  const live = useLivePlan(planId, query.data !== undefined && ended === null);
  const plan = useMemo(() => (query.data ? withPending(query.data, pending) : undefined), [query.data, pending]);
  const actions = usePlanActions(planId, plan);
  const savingTaskIds = useMemo(() => new Set(pending.map(({ op }) => op.taskId)), [pending]);
  const online = useOnline();
  const canEdit = plan !== undefined && plan.role !== 'viewer';
  const loaded = plan !== undefined;
  const roleNotice = useRoleChangeNotice(plan?.role);
  const view = usePlanView(planId);
  const [showShortcuts, setShowShortcuts] = useState(false);

  // An ended access holds only while the page is open: coming back later asks the server again.
  useEffect(() => () => clearAccessEnded(client, planId), [client, planId]);

  // For the first-load measurement in the browser tests (and anyone's devtools).
  useEffect(() => {
    if (loaded) performance.mark('unbuilt:plan-ready');
  }, [loaded]);

  // An effect event: the listener below stays put while it always reaches this render's actions.
  const undoOrRedo = useEffectEvent((command: UndoCommand) => void (command === 'undo' ? actions.undo() : actions.redo()));
  useEffect(() => {
    if (!canEdit || !online) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const command = undoCommandFor(event);
      if (!command || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      undoOrRedo(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [canEdit, online]);

  // Single-key shortcuts (j/k, x, Enter, n, /, ?): the list is in the ? dialog and the web app's README.
  const onShortcut = useEffectEvent((shortcut: Shortcut, event: KeyboardEvent) => {
    const titles = [...document.querySelectorAll<HTMLElement>('.plan-main button[data-task-title]')];
    const row = document.activeElement?.closest<HTMLElement>('li[data-task-id]') ?? null;
    const current = row?.querySelector<HTMLElement>('button[data-task-title]') ?? null;
    switch (shortcut) {
      case 'next':
      case 'previous':
        nextFocus(titles, current, shortcut === 'next' ? 1 : -1)?.focus();
        break;
      case 'complete': {
        const box = row?.querySelector<HTMLInputElement>('input.task__check');
        if (!box || box.disabled) return;
        box.click();
        break;
      }
      case 'open':
        if (row) openTask(Number(row.dataset['taskId']));
        break;
      case 'new': {
        if (!canEdit) return;
        const phase = row?.closest('section.phase') ?? document.querySelector('.plan-main section.phase');
        phase?.querySelector<HTMLButtonElement>('button.add-task')?.click();
        break;
      }
      case 'search':
        document.querySelector<HTMLInputElement>('input[data-plan-search]')?.focus();
        break;
      case 'help':
        setShowShortcuts(true);
        break;
    }
    event.preventDefault();
  });
  useEffect(() => {
    if (!loaded) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      const shortcut = shortcutFor(event);
      if (shortcut) onShortcut(shortcut, event);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [loaded]);

  if (!Number.isInteger(planId)) return <PlanMissing />;
  if (ended) return <AccessEnded end={ended} />;
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
    <PlanContext.Provider value={{ plan, canEdit, actions, userId: user.id, savingTaskIds }}>
      <div className="plan-page">
        <PlanHeader live={live} userId={user.id} />
        {roleNotice.text && (
          <Notice tone="info" onDismiss={roleNotice.dismiss}>
            {roleNotice.text}
          </Notice>
        )}
        <RemoteChangeAnnouncer change={live.lastRemoteChange} viewers={live.viewers} />
        <div className="plan-layout">
          <PlanBoard view={view} />
          <PlanSidebar />
        </div>
        <PlanDialogs />
        <TaskPanel />
        {showShortcuts && <ShortcutsDialog onClose={() => setShowShortcuts(false)} />}
        <p className="small muted plan-shortcuts-hint">
          <button type="button" className="button button--quiet" aria-haspopup="dialog" onClick={() => setShowShortcuts(true)}>
            Keyboard shortcuts (?)
          </button>
        </p>
        <PlanToasts />
      </div>
    </PlanContext.Provider>
  );
}

const roleWords: Record<MemberRole, string> = {
  owner: 'You are now the owner of this plan.',
  editor: 'You are now an editor of this plan: you can change it.',
  viewer: 'You are now a viewer of this plan: you can read it, but no longer change it.',
};

/** Says so when the user's role changes while the page is open (the hub's AccessChanged updates the plan). */
function useRoleChangeNotice(role: MemberRole | undefined) {
  const [text, setText] = useState<string | null>(null);
  const [seen, setSeen] = useState(role);
  if (role !== seen) {
    setSeen(role);
    if (seen !== undefined && role !== undefined) setText(roleWords[role]);
  }
  return { text, dismiss: () => setText(null) };
}

function AccessEnded({ end }: { end: AccessEnd }) {
  const section = useRef<HTMLElement>(null);
  // What the user was doing has gone from under them: focus goes to the heading that says why.
  useEffect(() => section.current?.querySelector<HTMLElement>('h1')?.focus(), []);
  return (
    <section ref={section} className="card calm stack">
      <PageTitle title={end.reason === 'plan-deleted' ? 'This plan was deleted' : 'You no longer have access to this plan'} />
      {end.message && <p className="lead">{end.message}</p>}
      <p>
        <Link to="/plans">Back to your plans</Link>
      </p>
    </section>
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

import { findTask } from '../../plans/derive';
import { BlockedDialog } from './BlockedDialog';
import { DependenciesDialog } from './DependenciesDialog';
import { LeavePlanDialog } from './LeavePlanDialog';
import { MoveTaskDialog } from './MoveTaskDialog';
import { usePlanContext } from './PlanActionsContext';
import { ShareDialog } from './ShareDialog';

/**
 * The plan page's one open dialog, if any. It closes by itself when what it is about goes away: its task (deleted
 * elsewhere), or the role it needs (the hub said the user is now a viewer, say).
 */
export function PlanDialogs() {
  const { plan, canEdit, actions } = usePlanContext();
  const dialog = actions.dialog;
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'share':
      return plan.role === 'owner' ? <ShareDialog /> : null;
    case 'leave':
      return plan.role !== 'owner' ? <LeavePlanDialog /> : null;
  }
  const task = findTask(plan, dialog.taskId);
  if (!task || !canEdit) return null;
  switch (dialog.kind) {
    case 'move':
      return <MoveTaskDialog task={task} />;
    case 'dependencies':
      return <DependenciesDialog task={task} />;
    case 'blocked':
      return <BlockedDialog task={task} prerequisites={dialog.prerequisites} />;
  }
}

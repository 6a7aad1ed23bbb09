import { findTask } from '../../plans/derive';
import { BlockedDialog } from './BlockedDialog';
import { DependenciesDialog } from './DependenciesDialog';
import { MoveTaskDialog } from './MoveTaskDialog';
import { usePlanContext } from './PlanActionsContext';

/** The plan page's one open dialog, if any; it closes by itself if its task disappears (deleted elsewhere). */
export function PlanDialogs() {
  const { plan, actions } = usePlanContext();
  const dialog = actions.dialog;
  const task = dialog ? findTask(plan, dialog.taskId) : undefined;
  if (!dialog || !task) return null;
  switch (dialog.kind) {
    case 'move':
      return <MoveTaskDialog task={task} />;
    case 'dependencies':
      return <DependenciesDialog task={task} />;
    case 'blocked':
      return <BlockedDialog task={task} prerequisites={dialog.prerequisites} />;
  }
}

import { Toasts } from '../../components/Toasts';
import { usePlanContext } from './PlanActionsContext';

/**
 * The plan page's toasts. A modal dialog makes the page behind it inert and covers it, so each plan dialog shows
 * them too: a change refused while a dialog is open is reported where the user is looking.
 */
export function PlanToasts() {
  const { actions } = usePlanContext();
  return <Toasts toasts={actions.toasts} onDismiss={actions.dismissToast} />;
}

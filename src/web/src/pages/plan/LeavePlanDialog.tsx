import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { planKey, plansKey } from '../../plans/queries';
import { navigate } from '../../router/router';
import { removeMember } from './memberChanges';
import { usePlanContext } from './PlanActionsContext';

/** "Leave plan" for an editor or viewer: once confirmed, the plan is gone from this user's list and page. */
export function LeavePlanDialog() {
  const { plan, actions, userId } = usePlanContext();
  const client = useQueryClient();
  const leave = useMutation({
    mutationFn: () => removeMember(plan.id, userId),
    onSuccess: () => {
      navigate('/plans');
      client.removeQueries({ queryKey: planKey(plan.id) });
      void client.invalidateQueries({ queryKey: plansKey });
    },
  });
  return (
    <ConfirmDialog title={`Leave “${plan.title}”?`} confirmLabel="Leave plan" danger busy={leave.isPending}
      onConfirm={() => leave.mutate()} onCancel={actions.closeDialog}>
      <p>You will no longer see this plan or its changes. To come back, ask its owner for a new invitation.</p>
      {leave.isError && <ErrorMessage error={leave.error} />}
    </ConfirmDialog>
  );
}

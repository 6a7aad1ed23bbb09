import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { AccessChange, AccessEnd, Plan, PlanSummary } from '../api/types';
import { invitationsKey, membersKey, planKey, plansKey } from '../plans/queries';
import { setJoined } from './planSync';

// What the hub says about the user's access to a plan. A changed role is written into the cached plan, so edit
// controls follow it at once. An ended access (sent to connections that were receiving the plan's events, so
// normally while its page is open) is remembered per plan until that page is left, and the plan is dropped from
// the cache.

const accessEndedKey = (planId: number) => ['access-ended', planId] as const;

export function applyAccessChange(client: QueryClient, { planId, role }: AccessChange) {
  client.setQueryData<Plan>(planKey(planId), (plan) => (plan ? { ...plan, role } : plan));
  client.setQueryData<PlanSummary[]>(plansKey, (plans) => plans?.map((plan) => (plan.id === planId ? { ...plan, role } : plan)));
  // The member list and invitations depend on the role: read them again rather than guess.
  void client.invalidateQueries({ queryKey: membersKey(planId) });
  void client.invalidateQueries({ queryKey: invitationsKey(planId) });
}

export function applyAccessEnd(client: QueryClient, end: AccessEnd) {
  setJoined(end.planId, false);
  // The feature itself went off: FeatureChanged has already put the feature's pages behind "unavailable", and they
  // come back (and join again) when it returns, so there is nothing to remember here.
  if (end.reason === 'feature-off') return;
  // Recorded first: the plan page then stops asking for the plan before the cached copy goes.
  client.setQueryData(accessEndedKey(end.planId), end);
  void client.cancelQueries({ queryKey: planKey(end.planId) });
  client.removeQueries({ queryKey: planKey(end.planId) });
  void client.invalidateQueries({ queryKey: plansKey });
}

/** Why this user can no longer see the plan, once the hub has said so; null until then. */
export function useAccessEnded(planId: number): AccessEnd | null {
  return (
    useQuery<AccessEnd | null>({ queryKey: accessEndedKey(planId), queryFn: () => null, initialData: null, staleTime: Infinity })
      .data ?? null
  );
}

/** Forgets an ended access (the page was left, or the user joined the plan again). */
export function clearAccessEnded(client: QueryClient, planId: number) {
  client.removeQueries({ queryKey: accessEndedKey(planId), exact: true });
}

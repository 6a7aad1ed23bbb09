// Server state for plans, in TanStack Query. The plan itself is ['plan', id]; everything about one plan sits
// under that key, so invalidating the plan refreshes its history and members too.
import { keepPreviousData, queryOptions, replaceEqualDeep, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Plan } from '../api/types';
import { planKey } from '../live/planSync';

export { planKey };
export const plansKey = ['plans'] as const;

/**
 * The plan, never older than what the cache holds: a refetch that started before a live change landed would
 * otherwise put the plan back a version (the next change would then fill the gap, but the page would flicker).
 */
export function planQuery(planId: number) {
  return queryOptions({
    queryKey: planKey(planId),
    queryFn: ({ signal }) => api.plan(planId, signal),
    structuralSharing: (old: unknown, fresh: unknown) => {
      const [previous, next] = [old as Plan | undefined, fresh as Plan];
      return previous && previous.version > next.version ? previous : replaceEqualDeep(previous, next);
    },
  });
}

/** `enabled` false once the user may no longer see the plan: nothing should ask for it again. */
export function usePlan(planId: number, enabled = true) {
  return useQuery({ ...planQuery(planId), enabled });
}

export function usePlans() {
  return useQuery({ queryKey: plansKey, queryFn: ({ signal }) => api.plans(signal) });
}

export function usePlanHistory(planId: number, version: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...planKey(planId), 'history', version],
    queryFn: ({ signal }) => api.history(planId, signal),
    enabled: enabled && version !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** A task's own history, asked again whenever the plan's version moves (any change may be to this task). */
export function useTaskHistory(planId: number, taskId: number, version: number) {
  return useQuery({
    queryKey: [...planKey(planId), 'history', version, 'task', taskId],
    queryFn: ({ signal }) => api.taskHistory(planId, taskId, signal),
    placeholderData: keepPreviousData,
  });
}

/**
 * What undo and redo would revert now. Keyed by the plan's version, so it is asked again after every change (own,
 * undone, or live from someone else). A 404 (a server without the endpoint yet) is not retried.
 */
export function useUndoState(planId: number, version: number, enabled: boolean) {
  return useQuery({
    queryKey: [...planKey(planId), 'undo-state', version],
    queryFn: ({ signal }) => api.undoState(planId, signal),
    enabled,
    retry: false,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}

export const membersKey = (planId: number) => [...planKey(planId), 'members'] as const;
export const invitationsKey = (planId: number) => [...planKey(planId), 'invitations'] as const;

export function usePlanMembers(planId: number) {
  return useQuery({
    queryKey: membersKey(planId),
    queryFn: ({ signal }) => api.members(planId, signal),
    staleTime: 60_000,
  });
}

/** The plan's pending invitations: only its owner may read them. */
export function usePlanInvitations(planId: number) {
  return useQuery({
    queryKey: invitationsKey(planId),
    queryFn: ({ signal }) => api.invitations(planId, signal),
  });
}

/** What an invitation link offers (the plan, the role, who sent it); anyone holding the link may read it. */
export function useInvitationPreview(token: string | undefined) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) => api.invitation(token!, signal),
    enabled: token !== undefined,
    staleTime: 60_000,
  });
}

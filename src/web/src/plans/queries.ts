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

export function usePlan(planId: number) {
  return useQuery(planQuery(planId));
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

export function usePlanMembers(planId: number) {
  return useQuery({
    queryKey: [...planKey(planId), 'members'],
    queryFn: ({ signal }) => api.members(planId, signal),
    staleTime: 60_000,
  });
}

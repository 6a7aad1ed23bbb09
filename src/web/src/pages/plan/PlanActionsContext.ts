import { createContext, useContext } from 'react';
import type { Plan } from '../../api/types';
import type { PlanActions } from './usePlanActions';

export interface PlanContextValue {
  /** The plan as shown: confirmed by the server, with pending changes drawn over it. */
  plan: Plan;
  canEdit: boolean;
  actions: PlanActions;
  /** The signed-in user (to leave the plan, or to tell themselves apart in the member list). */
  userId: number;
  /** Tasks with a change sent but not yet confirmed ("Saving…"). */
  savingTaskIds: ReadonlySet<number>;
}

export const PlanContext = createContext<PlanContextValue | null>(null);

/** The plan page's plan and actions, for the phases and tasks deep inside it. */
export function usePlanContext(): PlanContextValue {
  const value = useContext(PlanContext);
  if (!value) throw new Error('usePlanContext outside the plan page');
  return value;
}

import { isApiError } from '../../api/client';

/**
 * The plan a refused creation points to: the server answers 409 (and older builds 400) with `existingPlanId` when
 * the user already has an active plan for the result. Null for any other failure, or none.
 */
export function existingPlanId(error: unknown): number | null {
  if (!isApiError(error) || (error.status !== 409 && error.status !== 400)) return null;
  const raw = error.problem['existingPlanId'];
  const id = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : null;
}

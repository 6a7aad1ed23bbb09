import { api } from '../../api/client';
import { newOperationId } from '../../api/operationId';
import type { MemberRole } from '../../api/types';
import { rememberOwn } from '../../live/ownOperations';

// Membership changes carry an operation id like any plan change, remembered as this page's own so their live
// echo is not announced as a collaborator's change.

export function setMemberRole(planId: number, email: string, role: MemberRole) {
  const operationId = newOperationId();
  rememberOwn(operationId);
  return api.addMember(planId, email, role, { operationId });
}

/** Removes a member; the member's own id leaves the plan. */
export function removeMember(planId: number, userId: number) {
  const operationId = newOperationId();
  rememberOwn(operationId);
  return api.removeMember(planId, userId, { operationId });
}

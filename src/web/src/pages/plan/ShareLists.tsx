import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { api, type Invitation, type InvitationId, type Member, type MemberRole } from '../../api/client';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { invitationsKey, membersKey, usePlanInvitations, usePlanMembers } from '../../plans/queries';
import { formatWhen } from '../invitation/invitationText';
import { removeMember, setMemberRole } from './memberChanges';
import { usePlanContext } from './PlanActionsContext';

const roleNames: Record<MemberRole, string> = { owner: 'Owner', editor: 'Editor', viewer: 'Viewer' };

/**
 * A section whose heading takes focus on request: when the row that had focus goes (revoked, removed), focus
 * lands here instead of on the page behind the dialog. `say` puts a message in the section's live region.
 */
function useSectionFocus() {
  const heading = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState('');
  const [focusRequests, setFocusRequests] = useState(0);
  useEffect(() => {
    if (focusRequests > 0) heading.current?.focus();
  }, [focusRequests]);
  return {
    heading,
    status,
    say: setStatus,
    focusHeading: () => setFocusRequests((n) => n + 1),
  };
}

export function PendingInvitations({ planId }: { planId: number }) {
  const client = useQueryClient();
  const id = useId();
  const invitations = usePlanInvitations(planId);
  // Taken apart: the React Compiler's lint takes an object holding a ref for a ref, and its other fields with it.
  const { heading, status, say, focusHeading } = useSectionFocus();
  const revoke = useMutation({
    mutationFn: (invitation: Invitation) => api.revokeInvitation(planId, invitation.id),
    onSuccess: (_, invitation) => {
      client.setQueryData<Invitation[]>(invitationsKey(planId), (list) => list?.filter((i) => i.id !== invitation.id));
      void client.invalidateQueries({ queryKey: invitationsKey(planId) });
      say(`Invitation ${invitation.email ? `for ${invitation.email} ` : ''}revoked.`);
      focusHeading();
    },
  });
  const revoking = (invitationId: InvitationId) => revoke.isPending && revoke.variables?.id === invitationId;

  return (
    <section className="share__section stack" aria-labelledby={`${id}-title`}>
      <h3 ref={heading} id={`${id}-title`} className="section-title" tabIndex={-1}>
        Pending invitations
      </h3>
      {invitations.isPending && <Loading label="Loading invitations…" />}
      {invitations.isError && <ErrorMessage error={invitations.error} />}
      {invitations.data?.length === 0 && <p className="muted small">No invitations are waiting to be accepted.</p>}
      {invitations.data && invitations.data.length > 0 && (
        <ul className="plain-list share__list" aria-labelledby={`${id}-title`}>
          {invitations.data.map((invitation) => (
            <li key={invitation.id} className="share__row">
              <div className="share__who">
                <span className="row-card__title">{invitation.email ?? 'Anyone with the link'}</span>
                <span className="small muted">
                  {roleNames[invitation.role]} · from {invitation.createdBy.displayName} · expires{' '}
                  {formatWhen(invitation.expiresAt)}
                </span>
              </div>
              <button type="button" className="button" onClick={() => revoke.mutate(invitation)}
                disabled={revoking(invitation.id)} aria-busy={revoking(invitation.id)}
                aria-label={invitation.email
                  ? `Revoke invitation for ${invitation.email}`
                  : `Revoke ${invitation.role} link created ${formatWhen(invitation.createdAt)}`}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      {revoke.isError && <ErrorMessage error={revoke.error} />}
      <p className="small share__status" role="status">
        {status}
      </p>
    </section>
  );
}

export function MembersSection({ planId }: { planId: number }) {
  const client = useQueryClient();
  const { plan, userId } = usePlanContext();
  const id = useId();
  const members = usePlanMembers(planId);
  const { heading, status, say, focusHeading } = useSectionFocus();
  const [removing, setRemoving] = useState<Member | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: membersKey(planId) });

  const changeRole = useMutation({
    // One at a time and in order, so the last role picked is the one that stays.
    scope: { id: `member-roles-${planId}` },
    mutationFn: ({ member, role }: { member: Member; role: MemberRole }) => setMemberRole(planId, member.email, role),
    onSuccess: (_, { member, role }) => {
      client.setQueryData<Member[]>(membersKey(planId), (list) =>
        list?.map((m) => (m.userId === member.userId ? { ...m, role } : m)));
      refresh();
      say(`${member.displayName} is now ${role === 'editor' ? 'an editor' : 'a viewer'}.`);
    },
  });
  const remove = useMutation({
    mutationFn: (member: Member) => removeMember(planId, member.userId),
    onSuccess: (_, member) => {
      setRemoving(null);
      client.setQueryData<Member[]>(membersKey(planId), (list) => list?.filter((m) => m.userId !== member.userId));
      refresh();
      say(`${member.displayName} was removed from the plan.`);
      focusHeading();
    },
  });

  // While a new role is on its way, the select shows it (a refused one goes back, with the reason below).
  const shownRole = (member: Member) =>
    changeRole.isPending && changeRole.variables?.member.userId === member.userId ? changeRole.variables.role : member.role;

  return (
    <section className="share__section stack" aria-labelledby={`${id}-title`}>
      <h3 ref={heading} id={`${id}-title`} className="section-title" tabIndex={-1}>
        Members
      </h3>
      {members.isPending && <Loading label="Loading members…" />}
      {members.isError && <ErrorMessage error={members.error} />}
      {members.data && (
        <ul className="plain-list share__list" aria-labelledby={`${id}-title`}>
          {members.data.map((member) => (
            <li key={member.userId} className="share__row">
              <div className="share__who">
                <span className="row-card__title">
                  {member.displayName}
                  {member.userId === userId && ' (you)'}
                </span>
                <span className="small muted">{member.email}</span>
              </div>
              {member.role === 'owner' ? (
                <span className="badge badge--muted">Owner</span>
              ) : (
                <div className="share__actions">
                  <label className="visually-hidden" htmlFor={`${id}-role-${member.userId}`}>
                    Role of {member.displayName}
                  </label>
                  <select id={`${id}-role-${member.userId}`} value={shownRole(member)}
                    onChange={(event) => changeRole.mutate({ member, role: event.target.value as MemberRole })}>
                    <option value="editor">Editor</option>
                    <option value="viewer">Viewer</option>
                  </select>
                  <button type="button" className="button" onClick={() => setRemoving(member)}
                    aria-label={`Remove ${member.displayName}`} aria-haspopup="dialog">
                    Remove
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {changeRole.isError && <ErrorMessage error={changeRole.error} />}
      <p className="small share__status" role="status">
        {status}
      </p>
      {removing && (
        <ConfirmDialog title={`Remove ${removing.displayName}?`} confirmLabel="Remove" danger busy={remove.isPending}
          onConfirm={() => remove.mutate(removing)} onCancel={() => {
            setRemoving(null);
            remove.reset();
          }}>
          <p>
            {removing.displayName} will no longer see “{plan.title}” or its changes. You can invite them again later.
          </p>
          {remove.isError && <ErrorMessage error={remove.error} />}
        </ConfirmDialog>
      )}
    </section>
  );
}

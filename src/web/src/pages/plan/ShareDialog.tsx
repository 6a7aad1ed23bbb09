import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, isApiError, type CreatedInvitation, type InvitationRole } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { invitationsKey } from '../../plans/queries';
import { formatWhen } from '../invitation/invitationText';
import { usePlanContext } from './PlanActionsContext';
import { MembersSection, PendingInvitations } from './ShareLists';

/**
 * The owner's Share dialog: a one-time invitation link (editor or viewer, optionally for one email), the
 * invitations still pending, and the members with their roles.
 */
export function ShareDialog() {
  const { plan, actions } = usePlanContext();
  return (
    <Dialog title={`Share “${plan.title}”`} onClose={actions.closeDialog} className="dialog--wide share" actions={
      <button type="button" className="button" onClick={actions.closeDialog}>
        Close
      </button>
    }>
      <InviteSection planId={plan.id} />
      <PendingInvitations planId={plan.id} />
      <MembersSection planId={plan.id} />
    </Dialog>
  );
}

function InviteSection({ planId }: { planId: number }) {
  const client = useQueryClient();
  const id = useId();
  const [role, setRole] = useState<InvitationRole>('editor');
  const [email, setEmail] = useState('');
  const [status, setStatus] = useState('');
  const create = useMutation({
    mutationFn: () => api.createInvitation(planId, { role, email: email.trim() || undefined }),
    onSuccess: () => {
      setEmail('');
      setStatus('');
      void client.invalidateQueries({ queryKey: invitationsKey(planId) });
    },
  });
  const fieldErrors = (field: string) => (isApiError(create.error) ? create.error.errorsFor(field) : []);
  const roleErrors = fieldErrors('role');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!create.isPending) create.mutate();
  };

  return (
    <section className="share__section stack" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="section-title">
        Invite with a link
      </h3>
      <form className="stack" onSubmit={submit}>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-role`}>Role</label>
            <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as InvitationRole)}
              aria-describedby={`${id}-role-hint`}>
              <option value="editor">Editor</option>
              <option value="viewer">Viewer</option>
            </select>
            <p className="field-hint" id={`${id}-role-hint`}>
              Editors change tasks; viewers only read the plan.
            </p>
            {roleErrors.length > 0 && <p className="field-error">{roleErrors.join(' ')}</p>}
          </div>
          <TextField label="Email (optional)" name="email" type="email" autoComplete="off" value={email} onChange={setEmail}
            errors={fieldErrors('email')} required={false}
            hint="With an email, only that person can use the link; without one, whoever opens it first." />
        </div>
        {create.isError && fieldErrors('email').length === 0 && roleErrors.length === 0 && (
          <ErrorMessage error={create.error} />
        )}
        <div>
          <button type="submit" className="button button--primary" disabled={create.isPending} aria-busy={create.isPending}>
            Create link
          </button>
        </div>
      </form>
      {create.data && <CreatedLink invitation={create.data} onStatus={setStatus} />}
      <p className="small share__status" role="status">
        {status}
      </p>
    </section>
  );
}

const copyKeys = () => (/Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘C' : 'Ctrl+C');

/** The new link, shown this once: a read-only field (selected on focus) and Copy link. */
function CreatedLink({ invitation, onStatus }: { invitation: CreatedInvitation; onStatus: (text: string) => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const copyButton = useRef<HTMLButtonElement>(null);

  // Straight to Copy link: the next thing anyone does with a new link.
  useEffect(() => copyButton.current?.focus(), [invitation.id]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(invitation.url);
      onStatus('Link copied');
    } catch {
      // No clipboard here (not a secure origin, or permission refused): the link is selected to copy by hand.
      input.current?.focus();
      input.current?.select();
      onStatus(`Copy the selected link with ${copyKeys()}.`);
    }
  };

  const who = invitation.email ? `${invitation.email} only` : 'one person';
  const as = invitation.role === 'editor' ? 'an editor' : 'a viewer';
  return (
    <div className="field share__link">
      <label htmlFor={id}>Invitation link</label>
      <div className="field__control">
        <input ref={input} id={id} type="text" readOnly value={invitation.url} aria-describedby={`${id}-hint`}
          onFocus={(event) => event.currentTarget.select()} />
        <button ref={copyButton} type="button" className="button" onClick={() => void copy()}>
          Copy link
        </button>
      </div>
      <p className="field-hint" id={`${id}-hint`}>
        Shown only this once, so copy it now. It lets {who} join as {as} until {formatWhen(invitation.expiresAt)}.
      </p>
    </div>
  );
}

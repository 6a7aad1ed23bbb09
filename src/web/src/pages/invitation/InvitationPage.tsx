import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api, isApiError, type InvitationPreview, type User } from '../../api/client';
import type { PageProps } from '../../app/routes';
import { authLink, SIGN_IN_PATH, SIGN_UP_PATH } from '../../auth/returnPath';
import { useSignInNotice, useSignUpMode } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { AuthCard } from '../../components/AuthCard';
import { PageTitle } from '../../components/PageTitle';
import { clearAccessEnded } from '../../live/access';
import { planKey, plansKey, useInvitationPreview } from '../../plans/queries';
import { Link, navigate } from '../../router/router';
import { formatWhen, invitationSentence, inviterName } from './invitationText';

/** /invitations/:token in the signed-in app. */
export function InvitationRoute({ params, user }: PageProps) {
  return <InvitationPage token={params['token'] ?? ''} user={user} />;
}

/**
 * An invitation link, opened by anyone. Signed out: what it offers, with Create an account (which accepts it in the
 * same request) and Sign in (which comes back here). Signed in: Join plan, then the plan.
 */
export function InvitationPage({ token, user }: { token: string; user: User | null }) {
  const preview = useInvitationPreview(token);
  const title = preview.data
    ? `Join “${preview.data.planTitle}”`
    : isApiError(preview.error, 404)
      ? 'Invitation not found'
      : isApiError(preview.error, 410)
        ? 'Invitation no longer valid'
        : 'Invitation';

  const body = preview.isPending ? (
    <Loading label="Loading the invitation…" />
  ) : preview.isError ? (
    <>
      <UnusableInvitation error={preview.error} />
      <p>{user ? <Link to="/plans">Go to your plans</Link> : <Link to={SIGN_IN_PATH}>Sign in</Link>}</p>
    </>
  ) : (
    <>
      <p className="lead">{invitationSentence(preview.data)}</p>
      <p className="small muted">This invitation expires {formatWhen(preview.data.expiresAt)}.</p>
      {user ? <JoinPlan token={token} preview={preview.data} user={user} /> : <SignedOutChoices token={token} preview={preview.data} />}
    </>
  );

  if (!user) {
    return (
      <AuthCard className="invitation" title={title}>
        <SignInNotice />
        {body}
      </AuthCard>
    );
  }
  return (
    <section className="card stack invitation">
      <PageTitle title={title} />
      {body}
    </section>
  );
}

/** Why the page is signed out, when the session ended while it was open. */
function SignInNotice() {
  const notice = useSignInNotice();
  return notice ? (
    <div className="alert alert--info" role="alert">
      {notice}
    </div>
  ) : null;
}

function UnusableInvitation({ error }: { error: unknown }) {
  if (isApiError(error, 404)) {
    return <p>This invitation link is not valid: it may have been revoked, or copied only in part. {askForNew}</p>;
  }
  if (isApiError(error, 410)) return <p>This invitation has expired or has already been used. {askForNew}</p>;
  return <ErrorMessage error={error} />;
}

const askForNew = 'Ask the person who shared it for a new link.';

function SignedOutChoices({ token, preview }: { token: string; preview: InvitationPreview }) {
  const mode = useSignUpMode().data;
  const here = `/invitations/${encodeURIComponent(token)}`;
  return (
    <>
      {preview.email && (
        <p>
          It is for <strong>{preview.email}</strong>: sign in, or create an account, with that address.
        </p>
      )}
      <div className="invitation__actions">
        {/* Shown unless sign-up is known to be closed: if the mode could not be read, the server still decides. */}
        {mode !== 'closed' && (
          <Link to={authLink(SIGN_UP_PATH, '/', { invitation: token })} className="button button--primary">
            Create an account
          </Link>
        )}
        <Link to={authLink(SIGN_IN_PATH, here)} className="button">
          Sign in
        </Link>
      </div>
    </>
  );
}

function JoinPlan({ token, preview, user }: { token: string; preview: InvitationPreview; user: User }) {
  const client = useQueryClient();
  const accept = useMutation({
    mutationFn: () => api.acceptInvitation(token),
    onSuccess: ({ planId }) => {
      // The plan may have been open before, under another role or none: everything about it is read afresh.
      clearAccessEnded(client, planId);
      void client.invalidateQueries({ queryKey: planKey(planId) });
      void client.invalidateQueries({ queryKey: plansKey });
      navigate(`/plans/${planId}`);
      client.removeQueries({ queryKey: ['invitation', token] });
    },
  });
  const otherEmail = preview.email && preview.email.toLowerCase() !== user.email.toLowerCase() ? preview.email : undefined;
  return (
    <>
      {otherEmail && (
        <p className="alert alert--info">
          This invitation is for <strong>{otherEmail}</strong>, and you are signed in as <strong>{user.email}</strong>.
        </p>
      )}
      {accept.isError && <AcceptError error={accept.error} preview={preview} />}
      <div className="invitation__actions">
        <button type="button" className="button button--primary" onClick={() => accept.mutate()}
          disabled={accept.isPending || accept.isSuccess} aria-busy={accept.isPending}>
          {accept.isPending && <span className="spinner spinner--small" aria-hidden="true" />}
          Join plan
        </button>
        <Link to="/plans" className="button">
          Not now
        </Link>
      </div>
    </>
  );
}

function AcceptError({ error, preview }: { error: unknown; preview: InvitationPreview }) {
  const ask = `Ask ${inviterName(preview)} for a new link.`;
  let message: ReactNode;
  if (isApiError(error, 403)) {
    message = preview.email
      ? `This invitation is for ${preview.email}. Sign out, then sign in with that address to use it.`
      : 'This invitation is for another email address. Sign in with the address it was sent to.';
  } else if (isApiError(error, 409)) {
    message = (
      <>
        You own this plan already. <Link to={`/plans/${preview.planId}`}>Open the plan</Link>
      </>
    );
  } else if (isApiError(error, 410)) {
    message = `This invitation has expired or has already been used. ${ask}`;
  } else if (isApiError(error, 404)) {
    message = `This invitation has been revoked. ${ask}`;
  } else {
    return <ErrorMessage error={error} />;
  }
  return (
    <div className="alert alert--error" role="alert">
      {message}
    </div>
  );
}

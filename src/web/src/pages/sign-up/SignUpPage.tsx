import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isApiError } from '../../api/client';
import { authLink, invitationInProgress, returnPath, SIGN_IN_PATH } from '../../auth/returnPath';
import { useSignUp, useSignUpMode } from '../../auth/session';
import { AuthCard } from '../../components/AuthCard';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { TextField } from '../../components/TextField';
import { useInvitationPreview } from '../../plans/queries';
import { Link } from '../../router/router';
import { invitationSentence } from '../invitation/invitationText';

const MIN_PASSWORD = 12;
export const PASSWORD_RULE = `At least ${MIN_PASSWORD} characters, and not a commonly used password. No other rules: a few unrelated words make a strong one.`;

type Errors = Partial<Record<'email' | 'displayName' | 'password', string[]>>;

/** What can be said before asking the server; the server checks all of it again, and for common passwords. */
function check(displayName: string, password: string): Errors {
  const errors: Errors = {};
  if (displayName.trim() === '') errors.displayName = ['Enter the name others will see.'];
  if (password.trim() === '') errors.password = ['The password cannot be only spaces.'];
  // Counted in characters as a person counts them, not UTF-16 units.
  else if ([...password].length < MIN_PASSWORD) errors.password = [`Use at least ${MIN_PASSWORD} characters.`];
  return errors;
}

/**
 * /sign-up, signed out: creates an account and signs it in. With ?invitation=token the invitation is accepted in
 * the same request, and the new account lands on the plan; otherwise it goes to ?next= (as sign-in does).
 */
export function SignUpPage() {
  const signUp = useSignUp();
  const modeQuery = useSignUpMode();
  // Unknown when the server would not say: the form shows, and the server refuses if it must.
  const mode = modeQuery.data;
  const invitation = invitationInProgress();
  const preview = useInvitationPreview(invitation);
  // Null until the person types: an invitation made out to an email fills it in (only that address can accept it).
  const [typedEmail, setEmail] = useState<string | null>(null);
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [local, setLocal] = useState<Errors>({});
  const form = useRef<HTMLFormElement>(null);

  const email = typedEmail ?? preview.data?.email ?? '';

  // After a refused submit, focus goes to the first field that needs fixing, so its message is read out.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [local, signUp.error]);

  const usableInvitation = preview.data ? invitation : undefined;
  const next = preview.data ? `/plans/${preview.data.planId}` : returnPath();
  const signInLink = authLink(SIGN_IN_PATH, invitation ? `/invitations/${encodeURIComponent(invitation)}` : returnPath());

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (signUp.isPending) return;
    const errors = check(displayName, password);
    setLocal(errors);
    if (Object.keys(errors).length > 0) return;
    signUp.reset();
    signUp.mutate({
      body: { email: email.trim(), displayName: displayName.trim(), password, invitation: usableInvitation },
      next,
    });
  };

  const server = isApiError(signUp.error) ? signUp.error : undefined;
  const fieldErrors = (field: keyof Errors) => local[field] ?? server?.errorsFor(field) ?? [];
  const hasFieldErrors = server !== undefined && ['email', 'displayName', 'password'].some((f) => server.errorsFor(f).length > 0);
  const taken = server?.status === 409;

  const waiting = modeQuery.isPending || (invitation !== undefined && preview.isPending);
  // Without an invitation that still works, invite-only sign-up has nothing to offer.
  const closed = mode === 'closed' || (mode === 'invite' && !preview.data);

  return (
    <AuthCard title="Create your account">
      {preview.data && (
        <p className="alert alert--info">
          {invitationSentence(preview.data)} Your account joins the plan as soon as it is created.
        </p>
      )}
      {invitation && preview.isError && (
        <p className="alert alert--info">
          {isApiError(preview.error, 410)
            ? 'This invitation has expired or has already been used.'
            : 'This invitation link is not valid any more.'}{' '}
          Ask the person who shared it for a new one.
        </p>
      )}
      {waiting ? (
        <Loading />
      ) : closed ? (
        <p className="lead">
          {mode === 'closed'
            ? 'New accounts cannot be created right now.'
            : 'Accounts are by invitation only: open the invitation link a plan owner sent you.'}
        </p>
      ) : (
        <form ref={form} className="stack" onSubmit={submit}>
          {signUp.isError && !hasFieldErrors && !taken && <ErrorMessage error={signUp.error} />}
          {taken && (
            <div className="alert alert--info" role="alert">
              {server?.detail ?? 'An account already uses this email.'} <Link to={signInLink}>Sign in instead</Link>
            </div>
          )}
          <TextField label="Email" name="email" type="email" autoComplete="username" value={email} onChange={setEmail}
            errors={fieldErrors('email')} />
          <TextField label="Display name" name="displayName" type="text" autoComplete="name" value={displayName}
            onChange={setDisplayName} errors={fieldErrors('displayName')} hint="Shown to people you share plans with." />
          <TextField label="Password" name="password" type="password" autoComplete="new-password" value={password}
            onChange={setPassword} errors={fieldErrors('password')} hint={PASSWORD_RULE} revealable />
          <button type="submit" className="button button--primary button--block" disabled={signUp.isPending}
            aria-busy={signUp.isPending}>
            {signUp.isPending && <span className="spinner spinner--small" aria-hidden="true" />}
            Create account
          </button>
        </form>
      )}
      <p className="sign-in__switch">
        Already have an account? <Link to={signInLink}>Sign in</Link>
      </p>
    </AuthCard>
  );
}

import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/client';
import { authLink, invitationInProgress, returnPath, SIGN_UP_PATH } from '../../auth/returnPath';
import { useSignIn, useSignInNotice, useSignUpMode } from '../../auth/session';
import { AuthCard } from '../../components/AuthCard';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { Link } from '../../router/router';

// Shown at whatever URL a signed-out visitor opened; after signing in, the app renders that same URL (or, at
// /sign-in?next=/path, goes to the path).
export function SignInPage() {
  const signIn = useSignIn();
  const notice = useSignInNotice();
  const mode = useSignUpMode().data;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const invitation = invitationInProgress();
  // Anyone may sign up when it is open; with an invitation in hand, also when it is by invitation only.
  const canSignUp = mode === 'open' || (invitation !== undefined && mode === 'invite');
  const signUpLink = authLink(SIGN_UP_PATH, returnPath(), invitation ? { invitation } : {});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!signIn.isPending) signIn.mutate({ email: email.trim(), password });
  };

  const fieldErrors = (field: string) => (isApiError(signIn.error) ? signIn.error.errorsFor(field) : []);

  return (
    <AuthCard title="Sign in">
      <p className="muted">Find market gaps and turn them into action plans.</p>
      <form className="stack" onSubmit={submit}>
        {notice && !signIn.isError && (
          <div className="alert alert--info" role="alert">
            {notice}
          </div>
        )}
        {signIn.isError && <ErrorMessage error={signIn.error} />}
        <TextField label="Email" name="email" type="email" autoComplete="username" value={email} onChange={setEmail}
          errors={fieldErrors('email')} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" value={password}
          onChange={setPassword} errors={fieldErrors('password')} />
        <button type="submit" className="button button--primary button--block" disabled={signIn.isPending}
          aria-busy={signIn.isPending}>
          {signIn.isPending && <span className="spinner spinner--small" aria-hidden="true" />}
          Sign in
        </button>
      </form>
      {canSignUp && (
        <p className="sign-in__switch">
          New to Unbuilt? <Link to={signUpLink}>Create an account</Link>
        </p>
      )}
    </AuthCard>
  );
}

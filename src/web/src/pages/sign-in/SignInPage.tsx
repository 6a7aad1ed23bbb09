import { useId, useState, type FormEvent } from 'react';
import { isApiError } from '../../api/client';
import { useSignIn } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageTitle } from '../../components/PageTitle';

// Shown at whatever URL a signed-out visitor opened; after signing in, the app renders that same URL.
export function SignInPage() {
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!signIn.isPending) signIn.mutate({ email: email.trim(), password });
  };

  const fieldErrors = (field: string) => (isApiError(signIn.error) ? signIn.error.errorsFor(field) : []);

  return (
    <main className="centered" id="main">
      <div className="card sign-in">
        <p className="brand brand--large" aria-hidden="true">
          Unbuilt
        </p>
        <PageTitle title="Sign in" />
        <p className="muted">Find market gaps and turn them into action plans.</p>
        <form className="stack" onSubmit={submit}>
          {signIn.isError && <ErrorMessage error={signIn.error} />}
          <Field label="Email" type="email" autoComplete="username" value={email} onChange={setEmail}
            errors={fieldErrors('email')} />
          <Field label="Password" type="password" autoComplete="current-password" value={password}
            onChange={setPassword} errors={fieldErrors('password')} />
          <button type="submit" className="button button--primary button--block" disabled={signIn.isPending}
            aria-busy={signIn.isPending}>
            {signIn.isPending && <span className="spinner spinner--small" aria-hidden="true" />}
            Sign in
          </button>
        </form>
      </div>
    </main>
  );
}

interface FieldProps {
  label: string;
  type: 'email' | 'password';
  autoComplete: string;
  value: string;
  onChange: (value: string) => void;
  errors: readonly string[];
}

function Field({ label, type, autoComplete, value, onChange, errors }: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const invalid = errors.length > 0;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={type} type={type} autoComplete={autoComplete} required value={value}
        onChange={(event) => onChange(event.target.value)} aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined} />
      {invalid && (
        <p className="field-error" id={errorId}>
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}

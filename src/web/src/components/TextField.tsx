import { useId, useState } from 'react';

interface TextFieldProps {
  label: string;
  name: string;
  type: 'email' | 'password' | 'text';
  autoComplete: string;
  value: string;
  onChange: (value: string) => void;
  /** The server's (or the form's own) messages for this field: shown under it, and the input marked invalid. */
  errors: readonly string[];
  /** What the field needs, said before anyone types (read with the label). */
  hint?: string;
  required?: boolean;
  /** A password field with a Show password / Hide password button beside it. */
  revealable?: boolean;
  /** The input's id, when the form moves focus to it (otherwise one of its own). */
  id?: string;
  maxLength?: number;
  className?: string;
  spellCheck?: boolean;
}

/** A labelled input with its hint and errors tied to it (aria-describedby), as the account forms use. */
export function TextField({ label, name, type, autoComplete, value, onChange, errors, hint, required = true,
  revealable, id: givenId, maxLength, className, spellCheck }: TextFieldProps) {
  const ownId = useId();
  const id = givenId ?? ownId;
  const [shown, setShown] = useState(false);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = errors.length > 0;
  const describedBy = [hint ? hintId : '', invalid ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const input = (
    <input id={id} name={name} type={revealable && shown ? 'text' : type} autoComplete={autoComplete} required={required}
      value={value} maxLength={maxLength} className={className} spellCheck={spellCheck}
      onChange={(event) => onChange(event.target.value)} aria-invalid={invalid || undefined}
      aria-describedby={describedBy} />
  );
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {revealable ? (
        <div className="field__control">
          {input}
          <button type="button" className="button button--quiet" aria-controls={id} onClick={() => setShown((v) => !v)}>
            {shown ? 'Hide password' : 'Show password'}
          </button>
        </div>
      ) : (
        input
      )}
      {invalid && (
        <p className="field-error" id={errorId}>
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { adminApi, isApiError } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/TextField';
import { ErrorMessage } from '../../components/ErrorMessage';
import { navigate } from '../../router/router';

export const NAME_MAX = 100;
const RESERVED = ['check', 'user', 'cache'];

/** What is wrong with a flag name, in words, or null when the server would take it. */
export function nameError(name: string): string | null {
  if (name === '') return 'Enter a name.';
  if (name.length > NAME_MAX) return `At most ${NAME_MAX} characters.`;
  if (!/^[a-z0-9_]+$/.test(name)) return 'Use only a–z, 0–9 and _ (for example new_export).';
  if (RESERVED.includes(name)) return `“${name}” is reserved by the API; choose another name.`;
  return null;
}

/** "New flag": a name and a description; created off at 0 %, never over an existing flag (If-None-Match: *). */
export function NewFlagDialog({ onClose }: { onClose: () => void }) {
  const client = useQueryClient();
  const formId = useId();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => adminApi.createFlag(name, description.trim()),
    onSuccess: (flag) => {
      void client.invalidateQueries({ queryKey: ['admin'] });
      navigate(`/admin/flags/${encodeURIComponent(flag.name)}`);
    },
    onError: (failure) => {
      if (isApiError(failure, 409)) setError(`A flag named “${name}” already exists (it may be archived). Choose another name.`);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = nameError(name);
    if (problem) {
      setError(problem);
      document.getElementById(`${formId}-name`)?.focus();
      return;
    }
    if (!create.isPending) create.mutate();
  };

  return (
    <Dialog title="New flag" onClose={onClose} actions={
      <>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" form={formId} className="button button--primary" disabled={create.isPending}
          aria-busy={create.isPending}>
          Create flag
        </button>
      </>
    }>
      <form id={formId} className="stack" onSubmit={submit} noValidate>
        <p className="small muted">The flag starts off, at 0 %, for every tier; roll it out from its page.</p>
        <TextField id={`${formId}-name`} label="Name" name="name" type="text" autoComplete="off" value={name}
          hint="Lowercase letters, digits and _, as the code will ask for it." maxLength={NAME_MAX} className="mono"
          spellCheck={false} errors={error !== null ? [error] : []}
          onChange={(value) => {
            setName(value);
            if (error) setError(null);
          }} />
        <div className="field">
          <label htmlFor={`${formId}-description`}>
            Description <span className="muted">(what it switches)</span>
          </label>
          <textarea id={`${formId}-description`} rows={2} maxLength={1000} value={description}
            onChange={(event) => setDescription(event.target.value)} />
        </div>
        {create.isError && !isApiError(create.error, 409) && <ErrorMessage error={create.error} />}
      </form>
    </Dialog>
  );
}

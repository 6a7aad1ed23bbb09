import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { adminApi, isApiError, type Segment } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { ReasonField, reasonOf } from '../admin-flag/ReasonField';
import { TIERS, listOf, segmentsKey } from './segmentText';

/** Creates a segment, or edits one (its name stays: flags and phases refer to it by name). */
export function SegmentDialog({ segment, onClose, onSaved }: {
  segment?: Segment;
  onClose: () => void;
  onSaved: (text: string) => void;
}) {
  const formId = useId();
  const client = useQueryClient();
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [domains, setDomains] = useState(segment?.emailDomains.join(', ') ?? '');
  const [tiers, setTiers] = useState<string[]>(segment?.tiers ?? []);
  const [minAge, setMinAge] = useState(segment?.minAccountAgeDays?.toString() ?? '');
  const [userIds, setUserIds] = useState(segment?.userIds.join(', ') ?? '');
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<Record<string, string[]>>({});
  const save = useMutation({
    mutationFn: async () => {
      const ids = listOf(userIds).map(Number);
      const fields = {
        description,
        emailDomains: listOf(domains),
        tiers,
        minAccountAgeDays: minAge.trim() === '' ? 0 : Number(minAge),
        userIds: ids,
        reason: reasonOf(reason),
      };
      return segment ? adminApi.updateSegment(segment.id, fields) : adminApi.createSegment({ name: name.trim(), ...fields });
    },
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: segmentsKey });
      onSaved(segment ? `Segment ${saved.name} saved.` : `Segment ${saved.name} created.`);
      onClose();
    },
  });
  const server = isApiError(save.error, 400) ? save.error : undefined;
  const errorsFor = (field: string) => [...(local[field] ?? []), ...(server?.errorsFor(field) ?? [])];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string[]> = {};
    if (listOf(userIds).some((id) => !/^\d+$/.test(id))) problems.userIds = ['User ids are whole numbers, separated by commas.'];
    if (minAge.trim() !== '' && !/^\d+$/.test(minAge.trim())) problems.minAccountAgeDays = ['A number of days (0: no age rule).'];
    setLocal(problems);
    if (Object.keys(problems).length === 0) save.mutate();
  };

  const title = segment ? `Edit segment ${segment.name}` : 'New segment';
  return (
    <Dialog title={title} onClose={onClose} className="dialog--sticky-actions" actions={
      <>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" form={formId} className="button button--primary" disabled={save.isPending} aria-busy={save.isPending}>
          {segment ? 'Save segment' : 'Create segment'}
        </button>
      </>
    }>
      <form id={formId} className="stack" onSubmit={submit} noValidate>
        {segment ? (
          <p className="small">
            Name <span className="mono">{segment.name}</span> (a name cannot change: flags and phases refer to it)
          </p>
        ) : (
          <TextField label="Name" name="name" type="text" autoComplete="off" value={name} onChange={setName} maxLength={100}
            spellCheck={false} errors={errorsFor('name')} hint="a–z, 0–9 and _, e.g. internal. It cannot change later." />
        )}
        <TextField label="Description" name="description" type="text" autoComplete="off" value={description}
          onChange={setDescription} required={false} maxLength={1000} errors={errorsFor('description')} />
        <p className="small muted">
          A user is in the segment when listed by id, or when every rule below that is filled in holds.
        </p>
        <TextField label="Email domains" name="emailDomains" type="text" autoComplete="off" value={domains} onChange={setDomains}
          required={false} spellCheck={false} errors={errorsFor('emailDomains')}
          hint="e.g. unbuilt.io; separate several with commas. A domain also takes in its subdomains (eu.unbuilt.io)." />
        <fieldset className="field">
          <legend>Tiers (none ticked: any tier)</legend>
          {TIERS.map((tier) => (
            <label key={tier} className="check-row">
              <input type="checkbox" checked={tiers.includes(tier)}
                onChange={(event) => setTiers((all) => (event.target.checked ? [...all, tier] : all.filter((t) => t !== tier)))} />
              <span>{tier}</span>
            </label>
          ))}
          {errorsFor('tiers').length > 0 && <p className="field-error">{errorsFor('tiers').join(' ')}</p>}
        </fieldset>
        <TextField label="Minimum account age in days" name="minAccountAgeDays" type="text" autoComplete="off" value={minAge}
          onChange={setMinAge} required={false} errors={errorsFor('minAccountAgeDays')} hint="Empty or 0: no age rule." />
        <TextField label="User ids" name="userIds" type="text" autoComplete="off" value={userIds} onChange={setUserIds}
          required={false} spellCheck={false} errors={errorsFor('userIds')} hint="Members whatever the rules; separate with commas." />
        <ReasonField value={reason} onChange={setReason} />
        {errorsFor('body').length > 0 && <p className="field-error">{errorsFor('body').join(' ')}</p>}
        {save.isError && !server && <ErrorMessage error={save.error} />}
      </form>
    </Dialog>
  );
}

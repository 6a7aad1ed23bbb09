import { useId, useState } from 'react';
import { adminApi } from '../../api/client';
import type { FlagStatus } from '../../api/adminTypes';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Link } from '../../router/router';
import { ReasonField, reasonOf } from './ReasonField';
import { SegmentChecklist, useSegmentChoice } from './SegmentChecklist';
import { useFlagChange } from './useFlagChange';

/**
 * The segments the flag targets: their members get it on at any percentage and tier. A phase deploy sets the list
 * its phase names (so a list set here, unlike the phase's, shows the phase as custom until the next deploy).
 */
export function SegmentTargeting({ status }: { status: FlagStatus }) {
  const id = useId();
  const change = useFlagChange();
  const { segments, names, chosen, setChosen, changed } = useSegmentChoice(status.segments);
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState(status.segments);
  if (shown !== status.segments) {
    setChosen(status.segments);
    setShown(status.segments);
  }

  return (
    <form className="stack" aria-labelledby={`${id}-legend`} onSubmit={(event) => {
      event.preventDefault();
      change.mutate(() => adminApi.patch(status.name, { segments: chosen, reason: reasonOf(reason) }), {
        onSuccess: () => setReason(''),
      });
    }}>
      <fieldset>
        <legend id={`${id}-legend`}>Segments (members get it on at any percentage)</legend>
        {segments.isError && <ErrorMessage error={segments.error} />}
        {segments.data && names.length === 0 && (
          <p className="small muted">
            No segments yet: <Link to="/admin/segments">create one</Link>.
          </p>
        )}
        <div className="inline-form">
          <SegmentChecklist names={names} chosen={chosen} onChange={setChosen} />
        </div>
      </fieldset>
      {changed && <ReasonField value={reason} onChange={setReason} />}
      <button type="submit" className="button" disabled={change.isPending || !changed}>
        Save segments
      </button>
    </form>
  );
}

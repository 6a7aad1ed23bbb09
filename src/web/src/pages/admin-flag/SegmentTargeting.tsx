import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { adminApi } from '../../api/client';
import type { FlagStatus } from '../../api/adminTypes';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Link } from '../../router/router';
import { segmentsKey } from '../admin-segments/segmentText';
import { ReasonField, reasonOf } from './ReasonField';
import { useFlagChange } from './useFlagChange';

/**
 * The segments the flag targets: their members get it on at any percentage and tier. A phase deploy sets the list
 * its phase names (so a list set here, unlike the phase's, shows the phase as custom until the next deploy).
 */
export function SegmentTargeting({ status }: { status: FlagStatus }) {
  const id = useId();
  const change = useFlagChange();
  const segments = useQuery({ queryKey: segmentsKey, queryFn: ({ signal }) => adminApi.segments(signal) });
  const [chosen, setChosen] = useState<string[]>(status.segments);
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState(status.segments);
  if (shown !== status.segments) {
    setChosen(status.segments);
    setShown(status.segments);
  }
  const changed = [...chosen].sort().join() !== [...status.segments].sort().join();
  const names = [...new Set([...(segments.data?.map((s) => s.name) ?? []), ...status.segments])].sort();

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
          {names.map((name) => (
            <label key={name} className="check-row">
              <input type="checkbox" checked={chosen.includes(name)}
                onChange={(event) => setChosen(event.target.checked ? [...chosen, name] : chosen.filter((n) => n !== name))} />
              <span className="mono">{name}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {changed && <ReasonField value={reason} onChange={setReason} />}
      <button type="submit" className="button" disabled={change.isPending || !changed}>
        Save segments
      </button>
    </form>
  );
}

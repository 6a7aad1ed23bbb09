import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { adminApi } from '../../api/client';
import { segmentsKey } from '../admin-segments/segmentText';

/**
 * Choosing segments for a flag or one of its phases, starting from those it targets now: every segment there is
 * (and any of the current ones, even if the list has not loaded), the choice so far, and whether it differs.
 */
export function useSegmentChoice(current: readonly string[]) {
  const segments = useQuery({ queryKey: segmentsKey, queryFn: ({ signal }) => adminApi.segments(signal) });
  const [chosen, setChosen] = useState<string[]>([...current]);
  const names = [...new Set([...(segments.data?.map((s) => s.name) ?? []), ...current])].sort();
  const changed = [...chosen].sort().join() !== [...current].sort().join();
  return { segments, names, chosen, setChosen, changed };
}

/** A checkbox per segment name, ticked for those chosen: what a flag or one of its phases targets. */
export function SegmentChecklist({ names, chosen, onChange }: {
  names: readonly string[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}) {
  return (
    <>
      {names.map((name) => (
        <label key={name} className="check-row">
          <input type="checkbox" checked={chosen.includes(name)}
            onChange={(event) => onChange(event.target.checked ? [...chosen, name] : chosen.filter((n) => n !== name))} />
          <span className="mono">{name}</span>
        </label>
      ))}
    </>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { adminApi, type Segment } from '../../api/client';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ReasonField, reasonOf } from '../admin-flag/ReasonField';
import { AdminListPage } from '../admin/AdminListPage';
import { SegmentDialog } from './SegmentDialog';
import { SegmentHistory } from './SegmentHistory';
import { rulesOf, segmentsKey } from './segmentText';

/** /admin/segments: named groups of users (by id, email domain, tier, account age) that flags and phases target. */
export function SegmentsPage() {
  const segments = useQuery({ queryKey: segmentsKey, queryFn: ({ signal }) => adminApi.segments(signal) });
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState('');
  return (
    <>
      <AdminListPage
        title="Segments"
        action={{ label: 'New segment', onClick: () => setCreating(true) }}
        intro={
          <>
            Reusable groups of users. A flag, or a phase of its rollout, that targets a segment is on for its members at
            any percentage (not for users blocked on the flag, nor while the kill switch is off).
          </>
        }
        status={status}
        items={segments}
        loadingLabel="Loading segments…"
        empty="No segments yet. Create “internal” for everyone at your company’s email domain."
      >
        {(segment) => <SegmentCard key={segment.id} segment={segment} onStatus={setStatus} />}
      </AdminListPage>
      {creating && <SegmentDialog onClose={() => setCreating(false)} onSaved={setStatus} />}
    </>
  );
}

function SegmentCard({ segment, onStatus }: { segment: Segment; onStatus: (text: string) => void }) {
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const remove = useMutation({
    mutationFn: () => adminApi.deleteSegment(segment.id, reasonOf(reason)),
    onSuccess: async () => {
      setConfirming(false);
      onStatus(`Segment ${segment.name} deleted.`);
      await client.invalidateQueries({ queryKey: segmentsKey });
    },
  });
  const titleId = `segment-${segment.id}-title`;
  const historyId = `segment-${segment.id}-history`;
  return (
    <li className="card stack" aria-labelledby={titleId}>
      <div className="row-between">
        <h2 id={titleId} className="mono">
          {segment.name}
        </h2>
        {segment.usedBy.length > 0 && <span className="badge badge--muted">in use</span>}
      </div>
      {segment.description && <p>{segment.description}</p>}
      <p className="small">{rulesOf(segment)}</p>
      <p className="small muted">
        {segment.usedBy.length === 0 ? 'Targeted by no flag.' : `Targeted by ${segment.usedBy.join(', ')}.`}
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={() => setEditing(true)} aria-label={`Edit ${segment.name}`}>
          Edit
        </button>
        <button type="button" className="button" aria-expanded={showHistory} aria-controls={historyId}
          onClick={() => setShowHistory((v) => !v)} aria-label={`${showHistory ? 'Hide history of' : 'History of'} ${segment.name}`}>
          {showHistory ? 'Hide history' : 'History'}
        </button>
        <button type="button" className="button button--danger" onClick={() => setConfirming(true)} aria-label={`Delete ${segment.name}`}>
          Delete
        </button>
      </div>
      <div id={historyId}>{showHistory && <SegmentHistory id={segment.id} />}</div>
      {editing && <SegmentDialog segment={segment} onClose={() => setEditing(false)} onSaved={onStatus} />}
      {confirming && (
        <ConfirmDialog title={`Delete segment ${segment.name}?`} confirmLabel="Delete segment" danger busy={remove.isPending}
          onConfirm={() => remove.mutate()} onCancel={() => setConfirming(false)}>
          <p>
            Its members lose nothing they have by other rules. A segment that a flag or a phase targets cannot be deleted:
            remove it there first.
          </p>
          <ReasonField value={reason} onChange={setReason} />
          {remove.isError && <ErrorMessage error={remove.error} />}
        </ConfirmDialog>
      )}
    </li>
  );
}

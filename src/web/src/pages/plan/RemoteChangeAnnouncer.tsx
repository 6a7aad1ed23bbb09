import type { PlanChange, Viewer } from '../../api/types';

/** Tells screen-reader users, politely, that someone else changed the plan (their own changes they know about). */
export function RemoteChangeAnnouncer({ change, viewers }: { change: PlanChange | null; viewers: Viewer[] }) {
  const who = change ? (viewers.find((v) => v.id === change.actorId)?.displayName ?? 'A collaborator') : '';
  return (
    <div className="visually-hidden" role="status" aria-live="polite">
      {change ? `${who} changed the plan.` : ''}
    </div>
  );
}

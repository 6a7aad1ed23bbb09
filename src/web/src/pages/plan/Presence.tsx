import type { Viewer } from '../../api/types';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase();
}

/** Who has the plan open right now, as avatars; the list's name says what they mean. */
export function Presence({ viewers, userId }: { viewers: Viewer[]; userId: number }) {
  if (viewers.length === 0) return null;
  const ordered = [...viewers].sort((a, b) => Number(b.id === userId) - Number(a.id === userId));
  return (
    <ul className="presence" aria-label="Viewing now">
      {ordered.map((viewer) => {
        const name = viewer.id === userId ? `${viewer.displayName} (you)` : viewer.displayName;
        return (
          <li key={viewer.id} className="avatar" title={name}>
            <span aria-hidden="true">{initials(viewer.displayName)}</span>
            <span className="visually-hidden">{name}</span>
          </li>
        );
      })}
    </ul>
  );
}

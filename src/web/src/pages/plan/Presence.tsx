import type { Viewer } from '../../api/types';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase();
}

/**
 * Avatar backgrounds: twelve hues dark enough that white initials pass WCAG AA (4.5:1 and more, checked in
 * Presence.test.tsx), in an order that puts neighbours far apart on the colour wheel.
 */
export const AVATAR_COLOURS = [
  '#1d4ed8', // blue
  '#b91c1c', // red
  '#047857', // green
  '#7e22ce', // purple
  '#c2410c', // orange
  '#0e7490', // cyan
  '#be185d', // pink
  '#4d7c0f', // olive
  '#4338ca', // indigo
  '#a16207', // ochre
  '#0f766e', // teal
  '#57534e', // stone
] as const;

/** A user's own colour, the same on every page and for every viewer (a multiplicative hash of the id). */
export function colourIndexOf(userId: number): number {
  return Math.abs(Math.imul(userId, 0x9e3779b1) >>> 0) % AVATAR_COLOURS.length;
}

/**
 * A colour per viewer: each one's own, unless someone already shown has it; then the next free one, so the avatars
 * on screen never share a colour (up to twelve people). Resolved by id, so the result does not depend on order.
 */
export function avatarColours(userIds: readonly number[]): Map<number, string> {
  const colours = new Map<number, string>();
  const taken = new Set<number>();
  for (const id of [...new Set(userIds)].sort((a, b) => a - b)) {
    let index = colourIndexOf(id);
    for (let step = 0; step < AVATAR_COLOURS.length && taken.has(index); step++) index = (index + 1) % AVATAR_COLOURS.length;
    taken.add(index);
    colours.set(id, AVATAR_COLOURS[index]!);
  }
  return colours;
}

/**
 * Who has the plan open right now, as avatars side by side in colours of their own. Each is a focusable image named
 * after the person (screen readers read the name; hover or keyboard focus shows it).
 */
export function Presence({ viewers, userId }: { viewers: Viewer[]; userId: number }) {
  if (viewers.length === 0) return null;
  const ordered = [...viewers].sort((a, b) => Number(b.id === userId) - Number(a.id === userId));
  const colours = avatarColours(ordered.map((viewer) => viewer.id));
  return (
    <ul className="presence" aria-label="Viewing now">
      {ordered.map((viewer) => {
        const name = viewer.id === userId ? `${viewer.displayName} (you)` : viewer.displayName;
        return (
          <li key={viewer.id} className="presence__item">
            <span className={viewer.id === userId ? 'avatar avatar--you' : 'avatar'} role="img" aria-label={name}
              tabIndex={0} style={{ backgroundColor: colours.get(viewer.id) }} data-user-id={viewer.id}>
              <span aria-hidden="true">{initials(viewer.displayName)}</span>
            </span>
            <span className="presence__name" aria-hidden="true">
              {name}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

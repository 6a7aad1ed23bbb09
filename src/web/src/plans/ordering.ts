// Task order: fractional-index position keys compared ordinally, ties broken by id (as the server orders them).
// `between` mirrors the server's FractionalIndex so an optimistic move lands where the server will put it.
import type { Phase, Task } from '../api/types';

export const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;

function compareOrdinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareTasks(a: Pick<Task, 'position' | 'id'>, b: Pick<Task, 'position' | 'id'>): number {
  return compareOrdinal(a.position, b.position) || a.id - b.id;
}

export function comparePhases(a: Pick<Phase, 'position' | 'id'>, b: Pick<Phase, 'position' | 'id'>): number {
  return compareOrdinal(a.position, b.position) || a.id - b.id;
}

export function isValidKey(key: string): boolean {
  return key.length > 0 && key[key.length - 1] !== DIGITS[0] && [...key].every((c) => DIGITS.includes(c));
}

/** A key strictly between two keys (null = open end); throws on invalid or unordered keys. */
export function between(before: string | null, after: string | null): string {
  for (const key of [before, after]) if (key !== null && !isValidKey(key)) throw new Error(`'${key}' is not an order key.`);
  if (before !== null && after !== null && compareOrdinal(before, after) >= 0) {
    throw new Error(`'${before}' must sort before '${after}'.`);
  }
  return midpoint(before ?? '', after);
}

// a < b as base-62 fractions; a may be '' (zero), b null (one). After rocicorp/fractional-indexing.
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let common = 0;
    while (common < b.length && (common < a.length ? a[common] : DIGITS[0]) === b[common]) common++;
    if (common > 0) return b.slice(0, common) + midpoint(common < a.length ? a.slice(common) : '', b.slice(common));
  }
  const low = a.length > 0 ? DIGITS.indexOf(a[0]!) : 0;
  const high = b !== null ? DIGITS.indexOf(b[0]!) : BASE;
  if (high - low > 1) return DIGITS[Math.floor((low + high + 1) / 2)]!;
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[low]! + midpoint(a.length > 0 ? a.slice(1) : '', null);
}

/**
 * The position for a task put right after `afterId` (null = first) among `siblings` (the phase's other tasks,
 * in order). Equal neighbouring keys leave no room: the task then takes its predecessor's key and the id decides,
 * which is close enough until the server's answer arrives.
 */
export function positionAfter(siblings: readonly Task[], afterId: number | null): string {
  const index = afterId === null ? 0 : siblings.findIndex((t) => t.id === afterId) + 1;
  const low = index > 0 ? (siblings[index - 1]?.position ?? null) : null;
  const high = siblings[index]?.position ?? null;
  try {
    return between(low, high);
  } catch {
    return low ?? high ?? 'V';
  }
}

/** Moves the item at `from` to `to` in a copy of the list. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const copy = [...items];
  const [item] = copy.splice(from, 1);
  if (item === undefined) return copy;
  copy.splice(Math.max(0, Math.min(to, copy.length)), 0, item);
  return copy;
}

/** The task a task placed at `index` of `ids` goes after: the one before it, or null when it is first. */
export function afterIdAt(ids: readonly number[], index: number): number | null {
  return index > 0 ? (ids[index - 1] ?? null) : null;
}

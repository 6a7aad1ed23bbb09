// A plan's phases in order, and where a phase goes when it moves: the server places a phase "right after" another
// (null: first), as it does tasks within a phase.
import type { Phase } from '../api/types';

/** The phase a phase one step up (-1) or down (+1) goes after; undefined when it is already at that end. */
export function afterPhaseForStep(order: readonly number[], phaseId: number, step: -1 | 1): number | null | undefined {
  const index = order.indexOf(phaseId);
  const target = index + step;
  if (index < 0 || target < 0 || target >= order.length) return undefined;
  const others = order.filter((id) => id !== phaseId);
  return target > 0 ? others[target - 1]! : null;
}

/**
 * The phases in a given order of ids (a drop the server has not confirmed yet); phases missing from it (added
 * meanwhile) keep their place at the end, and ids of phases gone meanwhile are skipped.
 */
export function inOrder(phases: readonly Phase[], order: readonly number[] | null): Phase[] {
  if (!order) return [...phases];
  const byId = new Map(phases.map((p) => [p.id, p]));
  const listed = order.map((id) => byId.get(id)).filter((p): p is Phase => p !== undefined);
  return [...listed, ...phases.filter((p) => !order.includes(p.id))];
}

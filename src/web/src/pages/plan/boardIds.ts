// The ids the board's drag and drop knows things by: a task by its id, a phase's task list (where a task can be
// dropped) by `phase-{id}`, and a phase itself (to reorder phases) by `sort-phase-{id}`.
import type { UniqueIdentifier } from '@dnd-kit/core';

export const columnId = (phaseId: number) => `phase-${phaseId}`;
export const phaseIdOf = (column: string) => Number(column.slice('phase-'.length));

const PHASE_SORT = 'sort-phase-';
export const phaseSortId = (phaseId: number) => `${PHASE_SORT}${phaseId}`;
export const isPhaseSortId = (id: UniqueIdentifier) => typeof id === 'string' && id.startsWith(PHASE_SORT);
export const phaseOfSortId = (id: UniqueIdentifier) => Number(String(id).slice(PHASE_SORT.length));

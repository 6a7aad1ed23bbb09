import type { Announcements, ScreenReaderInstructions, UniqueIdentifier } from '@dnd-kit/core';
import type { Plan } from '../../api/types';
import { findTask } from '../../plans/derive';
import { isPhaseSortId, phaseOfSortId } from './boardIds';

export const instructions: ScreenReaderInstructions = {
  draggable:
    'To move this task or phase, press Space or Enter, then use the arrow keys. Press Space or Enter again to drop it, ' +
    'or Escape to cancel. The task menu also has Move to, and the phase menu Move up and Move down.',
};

/** What a screen reader hears while a task or a phase is dragged: by title and phase name, never by id. */
export function announcements(plan: Plan): Announcements {
  const name = (id: UniqueIdentifier) => {
    if (isPhaseSortId(id)) {
      const phase = plan.phases.find((p) => p.id === phaseOfSortId(id));
      return phase ? `phase “${phase.name}”` : 'a phase';
    }
    if (typeof id === 'string' && id.startsWith('phase-')) {
      const phase = plan.phases.find((p) => `phase-${p.id}` === id);
      return phase ? `phase ${phase.name}` : 'a phase';
    }
    const task = findTask(plan, Number(id));
    return task ? `“${task.title}”` : 'a task';
  };
  const subject = (id: UniqueIdentifier) => {
    const text = name(id);
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  return {
    onDragStart: ({ active }) => `Picked up ${name(active.id)}.`,
    onDragOver: ({ active, over }) => (over ? `${subject(active.id)} is over ${name(over.id)}.` : `${subject(active.id)} is no longer over a place to drop.`),
    onDragEnd: ({ active, over }) => (over ? `Dropped ${name(active.id)} at ${name(over.id)}.` : `Dropped ${name(active.id)}.`),
    onDragCancel: ({ active }) => `Moving ${name(active.id)} was cancelled; it is back where it was.`,
  };
}

import { api } from '../../api/client';
import type { Phase } from '../../api/types';
import { afterPhaseForStep } from '../../plans/phaseOrder';
import { usePlanContext } from './PlanActionsContext';

const DELETE_TOAST_MS = 6000;
const MOVED_TOAST_MS = 4000;

export interface PhaseFields {
  name: string;
  description: string;
}

/** The heading of a phase, which takes focus when the phase it was on is gone or has just been added. */
export const phaseHeadingId = (phaseId: number) => `phase-${phaseId}-title`;

const FOCUS_TRIES = 40;
const FOCUS_RETRY_MS = 50;

/**
 * Puts focus on a phase's heading once the board shows it and the dialog the change came from has closed: a modal
 * dialog makes the page inert (focus would not move), and closing it gives focus back to what opened it.
 */
export function focusPhase(phaseId: number, tries = FOCUS_TRIES) {
  const heading = document.getElementById(phaseHeadingId(phaseId));
  if (heading && !document.querySelector('dialog[open]')) {
    heading.focus();
    if (document.activeElement === heading) return;
  }
  if (tries > 0) setTimeout(() => focusPhase(phaseId, tries - 1), FOCUS_RETRY_MS);
}

/**
 * Shaping the plan's phases: add, rename and describe, move, delete. Each is a server command in the plan's queue,
 * drawn once the server has it; a refusal shows as a toast with Retry. Each resolves to whether it was done.
 */
export function usePhaseActions() {
  const { plan, actions } = usePlanContext();
  const order = plan.phases.map((p) => p.id);

  const move = (phase: Phase, afterPhaseId: number | null) =>
    actions.command(`Could not move phase “${phase.name}”`, (operationId) => api.movePhase(phase.id, afterPhaseId, { operationId }));

  return {
    /** A new phase: last when `afterPhaseId` is not given, else right after that phase (null: first). */
    async add({ name, description }: PhaseFields, afterPhaseId?: number | null) {
      let created: number | undefined;
      const body = { name: name.trim(), description: description.trim() || undefined };
      const done = await actions.command('Could not add the phase', async (operationId) => {
        const sent = await api.createPhase(plan.id, afterPhaseId === undefined ? body : { ...body, afterPhaseId }, { operationId });
        created = sent.body.id;
        return sent;
      });
      if (done && created !== undefined) focusPhase(created);
      return done;
    },
    save: (phase: Phase, { name, description }: PhaseFields) =>
      actions.command(`Could not save phase “${phase.name}”`, (operationId) =>
        api.updatePhase(phase.id, { name: name.trim(), description: description.trim() }, { operationId })),
    move,
    /**
     * One step up (-1) or down (+1), from the phase menu; false when it is already at that end. Says where the phase
     * is now (the menu button keeps focus, so nothing else would tell a screen reader).
     */
    async step(phase: Phase, step: -1 | 1) {
      const after = afterPhaseForStep(order, phase.id, step);
      if (after === undefined || !(await move(phase, after))) return false;
      const place = order.indexOf(phase.id) + step + 1;
      const text = `Moved phase “${phase.name}” to place ${place} of ${order.length}`;
      actions.showToast({ id: 'phase-moved', tone: 'info', text, timeoutMs: MOVED_TOAST_MS });
      return true;
    },
    /** Deletes a phase, its tasks (if any) moved to the end of `moveTasksTo` first; then offers Undo. */
    async remove(phase: Phase, moveTasksTo: number | null) {
      const index = order.indexOf(phase.id);
      const done = await actions.command(`Could not delete phase “${phase.name}”`, (operationId) =>
        api.deletePhase(phase.id, phase.tasks.length > 0 ? moveTasksTo : null, { operationId }));
      if (!done) return false;
      actions.showToast({
        tone: 'info',
        text: `Deleted phase “${phase.name}”`,
        timeoutMs: DELETE_TOAST_MS,
        action: { label: 'Undo', run: () => void actions.undo() },
      });
      const neighbour = moveTasksTo ?? order[index > 0 ? index - 1 : 1];
      if (neighbour !== undefined) focusPhase(neighbour);
      return true;
    },
  };
}

export type PhaseActions = ReturnType<typeof usePhaseActions>;

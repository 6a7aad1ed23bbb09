import { useState } from 'react';
import { PhaseFormDialog } from './PhaseDialogs';
import { usePhaseActions } from './usePhaseActions';

/** "+ Add phase" at the end of the board: a new last phase, named (and described) in a dialog. */
export function AddPhase() {
  const phaseActions = usePhaseActions();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button add-phase" onClick={() => setOpen(true)} aria-haspopup="dialog">
        + Add phase
      </button>
      {open && (
        <PhaseFormDialog title="Add a phase" submitLabel="Add phase" onSubmit={(fields) => phaseActions.add(fields)}
          onClose={() => setOpen(false)} />
      )}
    </>
  );
}

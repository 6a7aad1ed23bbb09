using Unbuilt.Data.Plans;

namespace Unbuilt.Plans.Undo;

/// Which operation an undo or a redo reverses, written once: POST undo/redo act on it and GET undo-state describes
/// it, so what the button says is what the button does.
public static class UndoStack
{
    /// The user's operations on the plan that <paramref name="kind"/> could reverse, the one it reverses first.
    /// Undo takes the latest active undoable Do or Redo; redo takes the latest Undo not yet redone (a new Do marks
    /// pending Undos undone, which empties the redo stack).
    public static IQueryable<PlanOperation> Candidates(IQueryable<PlanOperation> operations, int planId, int userId,
        OperationKind kind)
    {
        var mine = operations.Where(o => o.PlanId == planId && o.UserId == userId && !o.Undone);
        return (kind == OperationKind.Undo
                ? mine.Where(o => o.Undoable && o.Kind != OperationKind.Undo)
                : mine.Where(o => o.Kind == OperationKind.Undo))
            .OrderByDescending(o => o.Id);
    }
}

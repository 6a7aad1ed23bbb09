using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Accounts;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Access;

namespace Unbuilt.Plans.Undo;

/// <param name="OperationId">The operation the button would reverse: POST undo/redo answer it as `reversed`.</param>
/// <param name="Type">Its event type, as POST undo/redo answer it in `reversedType` (a redo's target is an undo,
/// so "operation.undone").</param>
/// <param name="Summary">What pressing the button does, in words: "complete 'Interview 10 owners'".</param>
public sealed record ReversibleOperation(string OperationId, string Type, string Summary);

/// <param name="Undo">What undo would revert now; null when there is nothing to undo.</param>
/// <param name="Redo">What redo would re-apply now; null when there is nothing to redo.</param>
public sealed record UndoStateResponse(ReversibleOperation? Undo, ReversibleOperation? Redo);

/// GET /api/plans/{id}/undo-state: the caller's own undo and redo, for labelling the buttons ("Undo complete
/// 'Draft pitch'"). Any member may ask (a viewer has nothing to undo); a stranger gets 404.
public static class UndoState
{
    public static async Task<Results<Ok<UndoStateResponse>, ProblemHttpResult>> GetAsync(
        int planId, HttpContext http, UnbuiltDbContext db, CancellationToken ct)
    {
        var userId = http.User.UserId();
        if (PlanAccess.Deny(await PlanAccess.RoleAsync(db, planId, userId, ct), MemberRole.Viewer, planId) is { } denied)
            return denied;
        var undo = await UndoStack.Candidates(db.PlanOperations.AsNoTracking(), planId, userId, OperationKind.Undo)
            .FirstOrDefaultAsync(ct);
        var redo = await UndoStack.Candidates(db.PlanOperations.AsNoTracking(), planId, userId, OperationKind.Redo)
            .FirstOrDefaultAsync(ct);
        // A redo re-applies what its undo reversed, so it is described by that operation's rows.
        var described = new[] { undo?.OperationId, redo?.TargetOperationId ?? redo?.OperationId }.OfType<string>().ToList();
        var rows = await db.TaskHistory.AsNoTracking().Where(h => h.PlanId == planId && described.Contains(h.OperationId))
            .OrderBy(h => h.Id).ToListAsync(ct);
        var ids = OperationSummary.TaskIds(rows).ToList();
        var titles = await db.PlanTasks.AsNoTracking().Where(t => t.PlanId == planId && ids.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => t.Title, ct);

        ReversibleOperation? Describe(PlanOperation? operation, string? rowsOf) => operation is null ? null
            : new(operation.OperationId, operation.Type,
                OperationSummary.Of([.. rows.Where(r => r.OperationId == rowsOf)], titles, operation.Type));
        return TypedResults.Ok(new UndoStateResponse(Describe(undo, undo?.OperationId),
            Describe(redo, redo?.TargetOperationId ?? redo?.OperationId)));
    }
}

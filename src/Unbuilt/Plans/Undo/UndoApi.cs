using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Api;
using Unbuilt.Data.Plans;
using Unbuilt.Monitoring;
using Unbuilt.Plans.Changes;
using Unbuilt.Plans.Reading;

namespace Unbuilt.Plans.Undo;

/// <param name="Reversed">The operation this undo or redo reversed.</param>
public sealed record UndoResponse(string OperationId, string Reversed, string ReversedType, PlanResponse Plan);

/// Server-side undo and redo, per user and plan, kept in plan_operations (so they survive reloads and work across
/// devices). Each is a new forward operation with a new version, history rows and a live event.
public static class UndoApi
{
    public static void MapUndo(this RouteGroupBuilder plans)
    {
        plans.MapPost("/{planId:int}/undo", Undo).WithOperation("plan_undo", "action_plan.undo");
        plans.MapPost("/{planId:int}/redo", Redo).WithOperation("plan_redo", "action_plan.redo");
        plans.MapGet("/{planId:int}/undo-state", UndoState.GetAsync).WithOperation("plan_undo_state_loaded", "action_plan.undo_state");
    }

    private static Task<Results<Ok<UndoResponse>, ProblemHttpResult>> Undo(
        int planId, PlanChangeOpener changes, PlanReader reader, CancellationToken ct) =>
        ReverseAsync(planId, OperationKind.Undo, changes, reader, ct);

    private static Task<Results<Ok<UndoResponse>, ProblemHttpResult>> Redo(
        int planId, PlanChangeOpener changes, PlanReader reader, CancellationToken ct) =>
        ReverseAsync(planId, OperationKind.Redo, changes, reader, ct);

    private static async Task<Results<Ok<UndoResponse>, ProblemHttpResult>> ReverseAsync(int planId, OperationKind kind,
        PlanChangeOpener changes, PlanReader reader, CancellationToken ct)
    {
        await using var change = await changes.ForPlanAsync(planId, MemberRole.Editor, ct);
        var db = change.Db;
        var target = await UndoStack.Candidates(db.PlanOperations, planId, change.ActorId, kind).FirstOrDefaultAsync(ct);
        if (target is null)
            return Problems.Conflict(kind == OperationKind.Undo ? "You have nothing to undo on this plan." : "You have nothing to redo on this plan.");

        var rows = await db.TaskHistory.AsNoTracking().Where(h => h.PlanId == planId && h.OperationId == target.OperationId)
            .OrderBy(h => h.Id).ToListAsync(ct);
        change.History.Reverts(kind, target.OperationId);
        if (await new PlanReverter(change).RevertAsync(rows, ct) is { } refused) return refused;
        target.Undone = true;
        var type = kind == OperationKind.Undo ? "operation.undone" : "operation.redone";
        return await change.CommitAsync(type, async () => TypedResults.Ok(new UndoResponse(change.OperationId,
            target.OperationId, target.Type, (await reader.PlanAsync(planId, change.Role, ct))!)), ct);
    }
}

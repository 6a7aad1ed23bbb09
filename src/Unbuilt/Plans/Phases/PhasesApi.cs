using Microsoft.AspNetCore.Http.HttpResults;
using Unbuilt.Api;
using Unbuilt.Data.Plans;
using Unbuilt.Monitoring;
using Unbuilt.Plans.Access;
using Unbuilt.Plans.Changes;
using Unbuilt.Plans.Ordering;
using Unbuilt.Plans.Reading;

namespace Unbuilt.Plans.Phases;

/// Shaping a plan's phases: adding, renaming and describing, moving and deleting one (its tasks moved to another
/// phase first). Each is one plan change: recorded in history, undoable, sent live.
public static class PhasesApi
{
    public static void MapPhases(this RouteGroupBuilder plans, RouteGroupBuilder phases)
    {
        plans.MapPost("/{planId:int}/phases", Create).WithOperation("phase_created", "action_plan.phase_create");
        phases.MapPatch("/{phaseId:int}", Update).WithOperation("phase_updated", "action_plan.phase_update");
        phases.MapPost("/{phaseId:int}/move", Move).WithOperation("phase_moved", "action_plan.phase_move");
        phases.MapDelete("/{phaseId:int}", Delete).WithOperation("phase_deleted", "action_plan.phase_delete");
    }

    private static async Task<Results<Created<PhaseResponse>, ProblemHttpResult, ValidationProblem>> Create(
        int planId, CreatePhaseRequest request, PlanChangeOpener changes, PlanLimits limits, CancellationToken ct)
    {
        var errors = PhaseFields.Check(request.Name, true, request.Description);
        if (errors.Any) return errors.ToProblem();

        await using var change = await changes.ForPlanAsync(planId, MemberRole.Editor, ct);
        var slots = await PhaseOrder.SlotsAsync(change.Db, planId, ct);
        if (limits.Phases(slots.Count, 1) is { } full) return full;
        var after = request.AfterPhaseId;
        var position = await PhaseOrder.PlaceAsync(change, slots, after.Value, last: !after.IsSet, ct);
        if (position is null) return errors.Add("afterPhaseId", $"Phase {after.Value} is not a phase of this plan.").ToProblem();

        var phase = new PlanPhase { Name = request.Name!.Trim(), Description = request.Description?.Trim() ?? "", Position = position };
        await change.Edit.AddPhaseAsync(phase, ct);
        return await change.CommitAsync("phase.created",
            TypedResults.Created($"/api/phases/{phase.Id}", PlanReader.Response(phase, [])), ct);
    }

    private static async Task<Results<Ok<PhaseResponse>, ProblemHttpResult, ValidationProblem>> Update(
        int phaseId, UpdatePhaseRequest request, PlanChangeOpener changes, PlanReader reader, CancellationToken ct)
    {
        var errors = PhaseFields.Check(request.Name, false, request.Description);
        if (request.IsEmpty) errors.Add("body", "Send at least one field to change.");
        if (errors.Any) return errors.ToProblem();

        await using var change = await changes.ForPhaseAsync(phaseId, MemberRole.Editor, ct);
        change.Edit.UpdatePhase(change.Phase, p =>
        {
            if (request.Name is not null) p.Name = request.Name.Trim();
            if (request.Description is not null) p.Description = request.Description.Trim();
        });
        return await change.CommitAsync("phase.updated", Answer(change, reader, ct), ct);
    }

    private static async Task<Results<Ok<PhaseResponse>, ProblemHttpResult, ValidationProblem>> Move(
        int phaseId, MovePhaseRequest request, PlanChangeOpener changes, PlanReader reader, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.AfterPhaseId == phaseId) return errors.Add("afterPhaseId", "A phase cannot go after itself.").ToProblem();

        await using var change = await changes.ForPhaseAsync(phaseId, MemberRole.Editor, ct);
        var order = await PhaseOrder.SlotsAsync(change.Db, change.Plan.Id, ct);
        // Already there (same neighbours): keep the key, so a repeated drop changes nothing.
        if (!TaskPlacement.IsAfter(order, phaseId, request.AfterPhaseId))
        {
            var position = await PhaseOrder.PlaceAsync(change, [.. order.Where(s => s.TaskId != phaseId)], request.AfterPhaseId, last: false, ct);
            if (position is null) return errors.Add("afterPhaseId", $"Phase {request.AfterPhaseId} is not a phase of this plan.").ToProblem();
            change.Edit.UpdatePhase(change.Phase, p => p.Position = position);
        }
        return await change.CommitAsync("phase.moved", Answer(change, reader, ct), ct);
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Delete(
        int phaseId, int? moveTasksTo, PlanChangeOpener changes, CancellationToken ct)
    {
        await using var change = await changes.ForPhaseAsync(phaseId, MemberRole.Editor, ct);
        if (await PhaseDeletion.EmptyAsync(change, moveTasksTo, ct) is { } refused) return refused;
        change.Edit.DeletePhase(change.Phase);
        return await change.CommitAsync("phase.deleted", TypedResults.NoContent(), ct);
    }

    /// The phase as the change left it, read after its writes.
    private static Func<Task<Ok<PhaseResponse>>> Answer(PlanTransaction change, PlanReader reader, CancellationToken ct) =>
        async () => TypedResults.Ok(await reader.PhaseAsync(change.Plan, change.Phase, change.Role, ct));
}

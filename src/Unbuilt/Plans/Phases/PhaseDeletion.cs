using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Api;
using Unbuilt.Plans.Changes;
using Unbuilt.Plans.Ordering;
using Unbuilt.Plans.Tasks;

namespace Unbuilt.Plans.Phases;

/// What deleting a phase needs first: the plan keeps at least one phase, and the phase's tasks are never deleted with
/// it (a cascade would take them silently), so a phase that holds tasks names where they go and they move there, to
/// the end of that phase in their order, each recorded as task.moved in the same operation (so one undo brings the
/// phase and its tasks back).
public static class PhaseDeletion
{
    /// Empties the change's phase into <paramref name="moveTasksTo"/>; the refusal to answer instead, if any.
    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>?> EmptyAsync(PlanTransaction change, int? moveTasksTo, CancellationToken ct)
    {
        var (db, planId, phase) = (change.Db, change.Plan.Id, change.Phase);
        var phases = await PhaseOrder.SlotsAsync(db, planId, ct);
        if (phases.Count == 1)
            return Problems.Conflict($"Phase '{phase.Name}' is the plan's only phase; a plan keeps at least one. Nothing was changed.");
        var errors = new FieldErrors();
        if (moveTasksTo == phase.Id) return errors.Add("moveTasksTo", "A phase's tasks cannot move to the phase being deleted.").ToProblem();
        if (moveTasksTo is { } named && !phases.Exists(p => p.TaskId == named))
            return errors.Add("moveTasksTo", $"Phase {named} is not a phase of this plan.").ToProblem();
        var moving = (await TaskMover.PhaseSlotsAsync(db, planId, phase.Id, ct))!;
        if (moving.Count == 0) return null;
        if (moveTasksTo is not { } targetId)
            return errors.Add("moveTasksTo", $"Phase '{phase.Name}' holds {moving.Count} task{(moving.Count == 1 ? "" : "s")}; " +
                "name the phase they move to (?moveTasksTo={phaseId}).").ToProblem();

        var staying = (await TaskMover.PhaseSlotsAsync(db, planId, targetId, ct))!;
        var movingIds = moving.Select(s => s.TaskId).ToHashSet();
        // The target's tasks keep their keys; the moved ones get keys after them (ReorderPlan writes as few as it can).
        var keys = ReorderPlan.For([.. staying, .. moving], movingIds).ToDictionary(s => s.TaskId, s => s.Position);
        var rekeyed = keys.Keys.ToList();
        var tasks = await db.PlanTasks.Where(t => t.PlanId == planId && (t.PhaseId == phase.Id || rekeyed.Contains(t.Id)))
            .ToDictionaryAsync(t => t.Id, ct);
        foreach (var slot in staying.Concat(moving).Where(s => keys.ContainsKey(s.TaskId) || movingIds.Contains(s.TaskId)))
            change.Edit.UpdateTask(tasks[slot.TaskId], t =>
            {
                t.PhaseId = targetId;
                if (keys.TryGetValue(slot.TaskId, out var key)) t.Position = key;
            });
        return null;
    }
}

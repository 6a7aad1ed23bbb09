using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Plans.Access;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Monitoring;
using Unbuilt.Plans.Changes;
using Unbuilt.Plans.Reading;

namespace Unbuilt.Plans.Tasks;

/// "This task waits for that one": same plan only, never itself, never twice, never in a cycle.
public static class DependenciesApi
{
    public static void MapDependencies(this RouteGroupBuilder tasks)
    {
        tasks.MapPost("/{taskId:int}/dependencies", Add).WithOperation("dependency_added", "action_plan.dependency_add");
        tasks.MapDelete("/{taskId:int}/dependencies/{prerequisiteTaskId:int}", Remove)
            .WithOperation("dependency_removed", "action_plan.dependency_remove");
    }

    private static async Task<Results<Created<TaskResponse>, ProblemHttpResult, ValidationProblem>> Add(
        int taskId, AddDependencyRequest request, PlanChangeOpener changes, PlanReader reader, PlanLimits limits,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.PrerequisiteTaskId is not { } prerequisiteId) return errors.Add("prerequisiteTaskId", "prerequisiteTaskId is required.").ToProblem();
        if (prerequisiteId == taskId) return errors.Add("prerequisiteTaskId", "A task cannot depend on itself.").ToProblem();

        await using var change = await changes.ForTaskAsync(taskId, MemberRole.Editor, ct);
        var planId = change.Plan.Id;
        // The task's prerequisites were read with it, so the duplicate and the limit cost no query of their own.
        var prerequisites = change.Prerequisites;
        if (prerequisites.Any(p => p.Id == prerequisiteId))
            return Problems.Conflict($"Task {taskId} already depends on task {prerequisiteId}.");
        if (limits.Prerequisites(prerequisites.Count) is { } full) return full;
        if (!await change.Db.PlanTasks.AnyAsync(t => t.Id == prerequisiteId && t.PlanId == planId, ct))
            return errors.Add("prerequisiteTaskId", $"Task {prerequisiteId} is not a task of this plan.").ToProblem();
        if (await CycleAsync(change.Db, planId, taskId, prerequisiteId, ct) is { } cycle) return cycle;

        change.Edit.AddDependency(taskId, prerequisiteId);
        return await change.CommitAsync("dependency.added",
            async () => TypedResults.Created($"/api/tasks/{taskId}", (await reader.TaskAsync(taskId, ct))!), ct);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(
        int taskId, int prerequisiteTaskId, PlanChangeOpener changes, CancellationToken ct)
    {
        await using var change = await changes.ForTaskAsync(taskId, MemberRole.Editor, ct);
        var link = await change.Db.TaskDependencies
            .FirstOrDefaultAsync(d => d.TaskId == taskId && d.PrerequisiteTaskId == prerequisiteTaskId, ct);
        if (link is null) return Problems.NotFound($"Task {taskId} does not depend on task {prerequisiteTaskId}.");
        change.Edit.RemoveDependency(link);
        return await change.CommitAsync("dependency.removed", TypedResults.NoContent(), ct);
    }

    /// The 400 answer when the new link would close a cycle, with the path in words and in ids.
    public static async Task<ProblemHttpResult?> CycleAsync(UnbuiltDbContext db, int planId, int taskId, int prerequisiteId, CancellationToken ct)
    {
        var edges = await db.TaskDependencies.Where(d => d.PlanId == planId)
            .Select(d => new { d.TaskId, d.PrerequisiteTaskId }).ToListAsync(ct);
        var cycle = new DependencyGraph(edges.Select(e => (e.TaskId, e.PrerequisiteTaskId))).CycleIfAdded(taskId, prerequisiteId);
        if (cycle is null) return null;
        var titles = await db.PlanTasks.Where(t => cycle.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Title, ct);
        var path = string.Join(" → ", cycle.Select(id => titles[id]));
        return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Dependency cycle",
            detail: $"This dependency would create a cycle (each task waits for the next): {path}.",
            extensions: new Dictionary<string, object?> { ["cycle"] = cycle });
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Unbuilt.Plans.Access;
using Unbuilt.Accounts;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Monitoring;
using Unbuilt.Plans.Reading;

namespace Unbuilt.Plans.Api;

public sealed record DependencyResponse(int TaskId, string TaskTitle, int PrerequisiteTaskId, string PrerequisiteTitle,
    TaskState PrerequisiteStatus, bool Satisfied);

/// What a plan's members read besides the plan itself: progress, next actions, the dependency list.
public static class PlanInsightsApi
{
    public static void MapPlanInsights(this RouteGroupBuilder plans)
    {
        plans.MapGet("/{planId:int}/progress", Progress).WithOperation("plan_progress_loaded", "action_plan.progress");
        plans.MapGet("/{planId:int}/next", Next).WithOperation("plan_next_loaded", "action_plan.next_actions");
        plans.MapGet("/{planId:int}/dependencies", Dependencies).WithOperation("plan_dependencies_loaded", "action_plan.dependency_list");
    }

    private static async Task<Results<Ok<ProgressResponse>, ProblemHttpResult>> Progress(
        int planId, HttpContext http, UnbuiltDbContext db, PlanContentCache cache, TimeProvider clock, CancellationToken ct)
    {
        var (content, _, denied) = await ReadAsync(planId, http, db, cache, ct);
        if (denied is not null) return denied;
        return TypedResults.Ok(await ProgressResponse.ForAsync(content!, db, clock.StoredNow(), ct));
    }

    /// Not-started tasks whose prerequisites are all done, in plan order.
    private static async Task<Results<Ok<List<TaskResponse>>, ProblemHttpResult>> Next(
        int planId, HttpContext http, UnbuiltDbContext db, PlanContentCache cache, CancellationToken ct)
    {
        var (content, _, denied) = await ReadAsync(planId, http, db, cache, ct);
        if (denied is not null) return denied;
        return TypedResults.Ok(content!.Tasks.Where(t => t.Status == TaskState.NotStarted && !content.IsBlocked(t))
            .Select(t => PlanReader.Response(t, content)).ToList());
    }

    private static async Task<Results<Ok<List<DependencyResponse>>, ProblemHttpResult>> Dependencies(
        int planId, HttpContext http, UnbuiltDbContext db, PlanContentCache cache, CancellationToken ct)
    {
        var (content, _, denied) = await ReadAsync(planId, http, db, cache, ct);
        if (denied is not null) return denied;
        return TypedResults.Ok(content!.Dependencies.Select(d =>
        {
            var task = content.Task(d.TaskId)!;
            var prerequisite = content.Task(d.PrerequisiteTaskId)!;
            return new DependencyResponse(task.Id, task.Title, prerequisite.Id, prerequisite.Title, prerequisite.Status,
                TaskRules.IsDone(prerequisite.Status));
        }).ToList());
    }

    /// The plan for a member to read; 404 for anyone else.
    public static async Task<(PlanContent? Content, MemberRole Role, ProblemHttpResult? Denied)> ReadAsync(
        int planId, HttpContext http, UnbuiltDbContext db, PlanContentCache cache, CancellationToken ct)
    {
        var (content, role) = await PlanContent.LoadForAsync(db, cache, planId, http.User.UserId(), ct);
        if (PlanAccess.Deny(role, MemberRole.Viewer, planId) is { } denied) return (null, default, denied);
        return (content, role!.Value, null);
    }
}

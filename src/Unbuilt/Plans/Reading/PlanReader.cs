using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Tasks;

namespace Unbuilt.Plans.Reading;

/// Plans and tasks as the API answers them.
public sealed class PlanReader(UnbuiltDbContext db)
{
    public async Task<PlanResponse?> PlanAsync(int planId, MemberRole role, CancellationToken ct) =>
        await PlanContent.LoadAsync(db, planId, ct) is { } content ? Response(content, role) : null;

    public static PlanResponse Response(PlanContent content, MemberRole role)
    {
        var plan = content.Plan;
        var phases = content.Phases.Select(phase =>
        {
            var tasks = content.TasksOf(phase.Id).Select(t => Response(t, content)).ToList();
            return Response(phase, tasks);
        }).ToList();
        return new PlanResponse(plan.Id, plan.Title, plan.Description, plan.Status, plan.Version, role, plan.UserId,
            plan.SearchId, plan.SearchResultId, plan.TemplateId, ProgressSummary.Of(content.Tasks.Select(t => t.Status)),
            phases, plan.CreatedAt, plan.UpdatedAt, plan.CompletedAt);
    }

    public static PhaseResponse Response(PlanPhase phase, IReadOnlyList<TaskResponse> tasks) =>
        new(phase.Id, phase.Name, phase.Description, phase.Position, phase.EstimatedDuration,
            ProgressSummary.Of(tasks.Select(t => t.Status)), tasks);

    /// <paramref name="phase"/> of <paramref name="plan"/> as it is now (inside a change: as the change left it), with
    /// its tasks (whether one is blocked is judged against every task of the plan).
    public async Task<PhaseResponse> PhaseAsync(ActionPlan plan, PlanPhase phase, MemberRole role, CancellationToken ct) =>
        Response(await PlanContent.ContentAsync(db, plan, [phase], ct), role).Phases.Single();

    public static TaskResponse Response(PlanTask t, PlanContent content) =>
        Response(t, [.. content.PrerequisiteIds(t.Id)], content.IsBlocked(t));

    public async Task<TaskResponse?> TaskAsync(int taskId, CancellationToken ct)
    {
        var task = await db.PlanTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);
        return task is null ? null : await TaskAsync(task, ct);
    }

    /// <paramref name="task"/> as it is now, tracked inside a change or not.
    public async Task<TaskResponse> TaskAsync(PlanTask task, CancellationToken ct) =>
        Response(task, await PlanQueries.PrerequisitesAsync(db, task.Id, ct));

    /// For a change that already holds the task's prerequisites (a change to one task never changes them).
    public static TaskResponse Response(PlanTask task, IReadOnlyList<Prerequisite> prerequisites) =>
        Response(task, [.. prerequisites.Select(p => p.Id)],
            !TaskRules.IsDone(task.Status) && prerequisites.Any(p => !TaskRules.IsDone(p.Status)));

    private static TaskResponse Response(PlanTask t, List<int> prerequisiteIds, bool blocked) =>
        new(t.Id, t.PlanId, t.PhaseId, t.Title, t.Description, t.Status, t.Position, t.EstimatedTime, t.Resources,
            t.DueDate, t.AssigneeId, t.IsCustom, t.CompletedAt, t.CompletedBy, prerequisiteIds, blocked, t.CreatedAt, t.UpdatedAt);
}

using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Access;
using Unbuilt.Plans.Ordering;

namespace Unbuilt.Plans.Reading;

/// A whole plan in memory, in display order: phases by (position, id), each phase's tasks by (position, id),
/// compared ordinally here so that both databases give the same order. Two queries, no tracking: the plan with its
/// phases (and the reader's role), then its tasks joined to their prerequisite links, as flat rows.
public sealed class PlanContent
{
    private readonly ILookup<int, PlanTask> tasksByPhase;
    private readonly ILookup<int, int> prerequisites;
    private readonly Dictionary<int, PlanTask> tasksById;

    private PlanContent(ActionPlan plan, List<PlanPhase> phases, List<PlanTask> tasks, List<TaskDependency> dependencies)
    {
        Plan = plan;
        Phases = [.. phases.OrderBy(p => new Slot(p.Id, p.Position), Comparer<Slot>.Create(Slot.Compare))];
        var order = Comparer<Slot>.Create(Slot.Compare);
        tasksByPhase = tasks.OrderBy(t => new Slot(t.Id, t.Position), order).ToLookup(t => t.PhaseId);
        Tasks = [.. Phases.SelectMany(p => tasksByPhase[p.Id])];
        tasksById = tasks.ToDictionary(t => t.Id);
        Dependencies = [.. dependencies.OrderBy(d => d.TaskId).ThenBy(d => d.PrerequisiteTaskId)];
        prerequisites = Dependencies.ToLookup(d => d.TaskId, d => d.PrerequisiteTaskId);
    }

    public ActionPlan Plan { get; }
    public IReadOnlyList<PlanPhase> Phases { get; }
    /// Every task, phase by phase, in order.
    public IReadOnlyList<PlanTask> Tasks { get; }
    public IReadOnlyList<TaskDependency> Dependencies { get; }

    public static async Task<PlanContent?> LoadAsync(UnbuiltDbContext db, int planId, CancellationToken ct) =>
        await PlanById(db, planId, ct) is { } found ? await ContentAsync(db, found.Plan, found.Phases, ct) : null;

    /// The plan and <paramref name="userId"/>'s role on it; the content only for a member (null role: not one, or no
    /// such plan).
    public static async Task<(PlanContent? Content, MemberRole? Role)> LoadForAsync(UnbuiltDbContext db, int planId, int userId,
        CancellationToken ct) =>
        await PlanWithRole(db, planId, userId, ct) is { Role: { } role } found
            ? (await ContentAsync(db, found.Plan, found.Phases, ct), role) : (null, null);

    /// <paramref name="plan"/>'s phases, tasks and links, none of them tracked (for a plan read on its own: two queries).
    public static async Task<PlanContent> ContentAsync(UnbuiltDbContext db, ActionPlan plan, CancellationToken ct) =>
        await ContentAsync(db, plan, await PhasesOf(db, plan.Id).ToListAsync(ct), ct);

    /// <paramref name="plan"/>'s tasks and links with the <paramref name="phases"/> the caller holds already (all of
    /// them, or the one a phase change answers with): one query.
    public static async Task<PlanContent> ContentAsync(UnbuiltDbContext db, ActionPlan plan, List<PlanPhase> phases,
        CancellationToken ct)
    {
        Dictionary<int, PlanTask> tasks = [];
        List<TaskDependency> dependencies = [];
        await foreach (var row in RowsOf(db, plan.Id).WithCancellation(ct))
        {
            tasks.TryAdd(row.Task.Id, row.Task);
            if (row.Link is { } link) dependencies.Add(link);
        }
        return new PlanContent(plan, phases, [.. tasks.Values], dependencies);
    }

    // Compiled: the plan page, every export and every reload run them. The phases come with the plan's row (a plan
    // has a handful), so the task rows below do not carry a copy of their phase each.
    private sealed record PlanAndPhases(ActionPlan Plan, List<PlanPhase> Phases);

    private static readonly Func<UnbuiltDbContext, int, CancellationToken, Task<PlanAndPhases?>> PlanById =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int planId, CancellationToken ct) =>
            db.ActionPlans.AsNoTracking().Where(p => p.Id == planId)
                .Select(p => new PlanAndPhases(p, db.PlanPhases.Where(ph => ph.PlanId == p.Id).ToList()))
                .FirstOrDefault());

    private sealed record PlanAndRole(ActionPlan Plan, MemberRole? Role, List<PlanPhase> Phases);

    private static readonly Func<UnbuiltDbContext, int, int, CancellationToken, Task<PlanAndRole?>> PlanWithRole =
        EF.CompileAsyncQuery(QueryFragments.Expand((UnbuiltDbContext db, int planId, int userId, CancellationToken ct) =>
            db.ActionPlans.AsNoTracking().Where(p => p.Id == planId)
                .Select(p => new PlanAndRole(p, PlanAccess.Role.Inline(db, p.Id, userId),
                    db.PlanPhases.Where(ph => ph.PlanId == p.Id).ToList()))
                .FirstOrDefault()));

    private static readonly Func<UnbuiltDbContext, int, IAsyncEnumerable<PlanPhase>> PhasesOf =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int planId) => db.PlanPhases.AsNoTracking().Where(p => p.PlanId == planId));

    private sealed record ContentRow(PlanTask Task, TaskDependency? Link);

    // One round trip: each task joined to its prerequisite links, as flat rows (one per link, or per task without
    // links). Flat, because EF builds a nested collection's rows with delegates made per row, which cost a 120-task
    // plan load about a fifth of its CPU (3.8 against 3.1 ms). The links name the plan too, so they are read by its
    // plan_id index rather than joined against the whole table.
    private static readonly Func<UnbuiltDbContext, int, IAsyncEnumerable<ContentRow>> RowsOf =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int planId) =>
            from task in db.PlanTasks.AsNoTracking().Where(t => t.PlanId == planId)
            from link in db.TaskDependencies.Where(d => d.PlanId == planId && d.TaskId == task.Id).DefaultIfEmpty()
            select new ContentRow(task, link));

    /// A plan from entities already in memory: a change builds its answer from what it read and edited, under its
    /// lock, instead of reading the plan again.
    public static PlanContent Of(ActionPlan plan, List<PlanPhase> phases, List<PlanTask> tasks, List<TaskDependency> dependencies) =>
        new(plan, phases, tasks, dependencies);

    public IEnumerable<PlanTask> TasksOf(int phaseId) => tasksByPhase[phaseId];

    public PlanTask? Task(int id) => tasksById.GetValueOrDefault(id);

    public IEnumerable<int> PrerequisiteIds(int taskId) => prerequisites[taskId];

    public bool IsBlocked(PlanTask task) =>
        !TaskRules.IsDone(task.Status) && PrerequisiteIds(task.Id).Any(id => tasksById.TryGetValue(id, out var p) && !TaskRules.IsDone(p.Status));
}

public static class TaskRules
{
    /// Done for the purposes of dependencies: a skipped prerequisite will never be completed, so it blocks nothing.
    public static bool IsDone(TaskState status) => status is TaskState.Completed or TaskState.Skipped;
}

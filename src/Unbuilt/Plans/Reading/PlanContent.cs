using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Access;
using Unbuilt.Plans.Ordering;

namespace Unbuilt.Plans.Reading;

/// A whole plan in memory, in display order: phases by (position, id), each phase's tasks by (position, id),
/// compared ordinally here so that both databases give the same order. Two queries, no tracking: the plan (with the
/// reader's role), then its phases joined to their tasks and the tasks' prerequisite links, as flat rows.
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
        await PlanById(db, planId, ct) is { } plan ? await ContentAsync(db, plan, ct) : null;

    /// The plan and <paramref name="userId"/>'s role on it; the content only for a member (null role: not one, or no
    /// such plan).
    public static async Task<(PlanContent? Content, MemberRole? Role)> LoadForAsync(UnbuiltDbContext db, int planId, int userId,
        CancellationToken ct) =>
        await PlanWithRole(db, planId, userId, ct) is { Role: { } role } found ? (await ContentAsync(db, found.Plan, ct), role) : (null, null);

    /// <paramref name="plan"/>'s phases, tasks and links, in one query, none of them tracked.
    public static async Task<PlanContent> ContentAsync(UnbuiltDbContext db, ActionPlan plan, CancellationToken ct)
    {
        Dictionary<int, PlanPhase> phases = [];
        Dictionary<int, PlanTask> tasks = [];
        List<TaskDependency> dependencies = [];
        await foreach (var row in RowsOf(db, plan.Id).WithCancellation(ct))
        {
            phases.TryAdd(row.Phase.Id, row.Phase);
            if (row.Task is { } task) tasks.TryAdd(task.Id, task);
            if (row.Link is { } link) dependencies.Add(link);
        }
        return new PlanContent(plan, [.. phases.Values], [.. tasks.Values], dependencies);
    }

    // Compiled: the plan page, every export and every reload run them.
    private static readonly Func<UnbuiltDbContext, int, CancellationToken, Task<ActionPlan?>> PlanById =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int planId, CancellationToken ct) => db.ActionPlans.AsNoTracking().FirstOrDefault(p => p.Id == planId));

    private sealed record PlanAndRole(ActionPlan Plan, MemberRole? Role);

    private static readonly Func<UnbuiltDbContext, int, int, CancellationToken, Task<PlanAndRole?>> PlanWithRole =
        EF.CompileAsyncQuery(QueryFragments.Expand((UnbuiltDbContext db, int planId, int userId, CancellationToken ct) =>
            db.ActionPlans.AsNoTracking().Where(p => p.Id == planId)
                .Select(p => new PlanAndRole(p, PlanAccess.Role.Inline(db, p.Id, userId)))
                .FirstOrDefault()));

    private sealed record ContentRow(PlanPhase Phase, PlanTask? Task, TaskDependency? Link);

    // One round trip: each phase joined to its tasks, each task to its prerequisite links, as flat rows (one per link,
    // per task without links, or per empty phase). Flat, because EF builds a nested collection's rows with delegates
    // made per row, which cost a 120-task plan load about a fifth of its CPU (3.8 against 3.1 ms). Each level also
    // names the plan, so each is read by its plan_id index rather than joined against the whole table.
    private static readonly Func<UnbuiltDbContext, int, IAsyncEnumerable<ContentRow>> RowsOf =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int planId) =>
            from phase in db.PlanPhases.AsNoTracking().Where(p => p.PlanId == planId)
            from task in db.PlanTasks.Where(t => t.PlanId == planId && t.PhaseId == phase.Id).DefaultIfEmpty()
            from link in db.TaskDependencies.Where(d => d.PlanId == planId && d.TaskId == task.Id).DefaultIfEmpty()
            select new ContentRow(phase, task, link));

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

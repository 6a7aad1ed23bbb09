using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Access;
using Unbuilt.Plans.Ordering;

namespace Unbuilt.Plans.Reading;

/// A whole plan in memory, in display order: phases by (position, id), each phase's tasks by (position, id),
/// compared ordinally here so that both databases give the same order. Two queries, no tracking: the plan with its
/// phases (and the reader's role), then its tasks joined to their prerequisite links, as flat rows. A member's read
/// (LoadForAsync) takes the second from the node's PlanContentCache when it holds the plan's version.
public sealed class PlanContent
{
    private readonly PlanRows rows;

    private PlanContent(ActionPlan plan, List<PlanPhase> phases, PlanRows rows)
    {
        Plan = plan;
        this.rows = rows;
        Phases = [.. phases.OrderBy(p => new Slot(p.Id, p.Position), Comparer<Slot>.Create(Slot.Compare))];
        Tasks = [.. Phases.SelectMany(p => rows.TasksByPhase[p.Id])];
    }

    public ActionPlan Plan { get; }
    public IReadOnlyList<PlanPhase> Phases { get; }
    /// Every task, phase by phase, in order.
    public IReadOnlyList<PlanTask> Tasks { get; }
    public IReadOnlyList<TaskDependency> Dependencies => rows.Dependencies;

    public static async Task<PlanContent?> LoadAsync(UnbuiltDbContext db, int planId, CancellationToken ct) =>
        await PlanById(db, planId, ct) is { } found ? await ContentAsync(db, found.Plan, found.Phases, ct) : null;

    /// The plan and <paramref name="userId"/>'s role on it; the content only for a member (null role: not one, or no
    /// such plan).
    /// The tasks and links come from <paramref name="cache"/> when it holds them at the plan's version, and are kept
    /// there when read. Never inside a transaction: what a change has written but not committed must not be kept.
    public static async Task<(PlanContent? Content, MemberRole? Role)> LoadForAsync(UnbuiltDbContext db, PlanContentCache cache,
        int planId, int userId, CancellationToken ct)
    {
        if (await PlanWithRole(db, planId, userId, ct) is not { Role: { } role } found) return (null, null);
        var plan = found.Plan;
        var rows = cache.Find(plan.Id, plan.Version, plan.UpdatedAt);
        if (rows is null)
        {
            rows = await RowsAsync(db, plan, ct);
            if (db.Database.CurrentTransaction is null) cache.Keep(plan.Id, rows);
        }
        return (new PlanContent(plan, found.Phases, rows), role);
    }

    /// <paramref name="plan"/>'s phases, tasks and links, none of them tracked (for a plan read on its own: two queries).
    public static async Task<PlanContent> ContentAsync(UnbuiltDbContext db, ActionPlan plan, CancellationToken ct) =>
        await ContentAsync(db, plan, await PhasesOf(db, plan.Id).ToListAsync(ct), ct);

    /// <paramref name="plan"/>'s tasks and links with the <paramref name="phases"/> the caller holds already (all of
    /// them, or the one a phase change answers with): one query.
    public static async Task<PlanContent> ContentAsync(UnbuiltDbContext db, ActionPlan plan, List<PlanPhase> phases,
        CancellationToken ct) =>
        new(plan, phases, await RowsAsync(db, plan, ct));

    private static async Task<PlanRows> RowsAsync(UnbuiltDbContext db, ActionPlan plan, CancellationToken ct)
    {
        Dictionary<int, PlanTask> tasks = [];
        List<TaskDependency> dependencies = [];
        await foreach (var row in RowsOf(db, plan.Id).WithCancellation(ct))
        {
            tasks.TryAdd(row.Task.Id, row.Task);
            if (row.Link is { } link) dependencies.Add(link);
        }
        return new PlanRows(plan.Version, plan.UpdatedAt, [.. tasks.Values], dependencies);
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
        new(plan, phases, new PlanRows(plan.Version, plan.UpdatedAt, tasks, dependencies));

    public IEnumerable<PlanTask> TasksOf(int phaseId) => rows.TasksByPhase[phaseId];

    public PlanTask? Task(int id) => rows.TasksById.GetValueOrDefault(id);

    public IEnumerable<int> PrerequisiteIds(int taskId) => rows.Prerequisites[taskId];

    public bool IsBlocked(PlanTask task) =>
        !TaskRules.IsDone(task.Status) && PrerequisiteIds(task.Id).Any(id => rows.TasksById.TryGetValue(id, out var p) && !TaskRules.IsDone(p.Status));
}

/// A plan's tasks and dependency links as read at one version of the plan, indexed for the plan's readers: the part
/// of a plan read that PlanContentCache keeps. Read-only once built, so one copy serves concurrent readers; nothing
/// that reads a PlanContent may change its entities.
public sealed class PlanRows
{
    public PlanRows(int version, DateTime updatedAt, List<PlanTask> tasks, List<TaskDependency> dependencies)
    {
        Version = version;
        UpdatedAt = updatedAt;
        TasksByPhase = tasks.OrderBy(t => new Slot(t.Id, t.Position), Comparer<Slot>.Create(Slot.Compare)).ToLookup(t => t.PhaseId);
        TasksById = tasks.ToDictionary(t => t.Id);
        Dependencies = [.. dependencies.OrderBy(d => d.TaskId).ThenBy(d => d.PrerequisiteTaskId)];
        Prerequisites = Dependencies.ToLookup(d => d.TaskId, d => d.PrerequisiteTaskId);
    }

    public int Version { get; }
    public DateTime UpdatedAt { get; }
    public ILookup<int, PlanTask> TasksByPhase { get; }
    public IReadOnlyDictionary<int, PlanTask> TasksById { get; }
    public IReadOnlyList<TaskDependency> Dependencies { get; }
    public ILookup<int, int> Prerequisites { get; }

    /// Its weight in the cache: one per task, and one for the entry.
    public long Size => TasksById.Count + 1;
}

public static class TaskRules
{
    /// Done for the purposes of dependencies: a skipped prerequisite will never be completed, so it blocks nothing.
    public static bool IsDone(TaskState status) => status is TaskState.Completed or TaskState.Skipped;
}

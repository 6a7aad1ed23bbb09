using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Ordering;

namespace Unbuilt.Plans.Reading;

/// A whole plan in memory, in display order: phases by (position, id), each phase's tasks by (position, id),
/// compared ordinally here so that both databases give the same order. Four queries, no tracking.
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

    public static async Task<PlanContent?> LoadAsync(UnbuiltDbContext db, int planId, CancellationToken ct)
    {
        var plan = await PlanById(db, planId, ct);
        if (plan is null) return null;
        var phases = await PhasesOf(db, planId).ToListAsync(ct);
        var tasks = await AllTasksOf(db, planId).ToListAsync(ct);
        var dependencies = await DependenciesOf(db, planId).ToListAsync(ct);
        return new PlanContent(plan, phases, tasks, dependencies);
    }

    // Compiled: the plan page, every export and every reload run them.
    private static readonly Func<UnbuiltDbContext, int, CancellationToken, Task<ActionPlan?>> PlanById =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int planId, CancellationToken ct) => db.ActionPlans.AsNoTracking().FirstOrDefault(p => p.Id == planId));

    private static readonly Func<UnbuiltDbContext, int, IAsyncEnumerable<PlanPhase>> PhasesOf =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int planId) => db.PlanPhases.AsNoTracking().Where(p => p.PlanId == planId));

    private static readonly Func<UnbuiltDbContext, int, IAsyncEnumerable<PlanTask>> AllTasksOf =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int planId) => db.PlanTasks.AsNoTracking().Where(t => t.PlanId == planId));

    private static readonly Func<UnbuiltDbContext, int, IAsyncEnumerable<TaskDependency>> DependenciesOf =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int planId) => db.TaskDependencies.AsNoTracking().Where(d => d.PlanId == planId));

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

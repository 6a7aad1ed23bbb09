using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Plans.Access;
using Unbuilt.Data;
using Unbuilt.Data.Plans;

namespace Unbuilt.Plans.Reading;

public sealed record Prerequisite(int Id, string Title, TaskState Status);

/// A plan's task counts as of the version read, today's snapshot row (tracked) if there is one yet, and whether the
/// user has undone operations a new change would clear (their redo stack).
public sealed record StoredCounts(int Total, int Completed, int Skipped, PlanProgressSnapshot? Snapshot, bool HasRedo);

/// The reads that plan reads and plan changes share, each written once and inlined (QueryFragments) into the
/// compiled queries that need it, so sharing one costs no round trip of its own. The caller's role is
/// PlanAccess.Role.
public static class PlanQueries
{
    /// A task's prerequisites, by id: from the task's links to the tasks they name (both by index), never a scan of
    /// every task.
    public static readonly Expression<Func<UnbuiltDbContext, int, IQueryable<Prerequisite>>> Prerequisites = (db, taskId) =>
        db.TaskDependencies.Where(d => d.TaskId == taskId)
            .Join(db.PlanTasks, d => d.PrerequisiteTaskId, t => t.Id, (d, t) => t)
            .OrderBy(t => t.Id).Select(t => new Prerequisite(t.Id, t.Title, t.Status));

    /// The plan's counts as stored. Every commit writes today's snapshot (PlanCounts), so they are taken from today's
    /// row <paramref name="today"/> when there is one, and counted only for the plan's first change of the day: three
    /// counts over a 120-task plan were most of a change's first read on PostgreSQL.
    public static readonly Expression<Func<UnbuiltDbContext, int, int, PlanProgressSnapshot?, StoredCounts>> Counts =
        (db, planId, userId, today) => new StoredCounts(
            today != null ? today.TotalTasks : db.PlanTasks.Count(t => t.PlanId == planId),
            today != null ? today.CompletedTasks : db.PlanTasks.Count(t => t.PlanId == planId && t.Status == TaskState.Completed),
            today != null ? today.SkippedTasks : db.PlanTasks.Count(t => t.PlanId == planId && t.Status == TaskState.Skipped),
            today,
            db.PlanOperations.Any(o => o.PlanId == planId && o.UserId == userId && o.Kind == OperationKind.Undo && !o.Undone));

    public static async Task<List<Prerequisite>> PrerequisitesAsync(UnbuiltDbContext db, int taskId, CancellationToken ct) =>
        await PrerequisitesOf(db, taskId).ToListAsync(ct);

    private static readonly Func<UnbuiltDbContext, int, IAsyncEnumerable<Prerequisite>> PrerequisitesOf =
        EF.CompileAsyncQuery(QueryFragments.Expand((UnbuiltDbContext db, int taskId) => Prerequisites.Inline(db, taskId)));

    /// The plan a task belongs to (null: no such task).
    public static Task<int?> PlanOfTaskAsync(UnbuiltDbContext db, int taskId, CancellationToken ct) => PlanOfTask(db, taskId, ct);

    private static readonly Func<UnbuiltDbContext, int, CancellationToken, Task<int?>> PlanOfTask =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int taskId, CancellationToken ct) =>
            db.PlanTasks.Where(t => t.Id == taskId).Select(t => (int?)t.PlanId).FirstOrDefault());

    /// The plan a phase belongs to (null: no such phase).
    public static Task<int?> PlanOfPhaseAsync(UnbuiltDbContext db, int phaseId, CancellationToken ct) =>
        db.PlanPhases.Where(p => p.Id == phaseId).Select(p => (int?)p.PlanId).FirstOrDefaultAsync(ct);
}

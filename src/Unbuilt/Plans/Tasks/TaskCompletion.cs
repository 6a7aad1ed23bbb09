using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Data.Configurations;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Reading;

namespace Unbuilt.Plans.Tasks;

public sealed record Prerequisite(int Id, string Title, TaskState Status);

/// Status changes: completing sets completed_at/by and is refused while prerequisites are incomplete (unless
/// overridden, which the history notes); leaving completed clears them.
public static class TaskCompletion
{
    /// The task's prerequisites, by id. From the task's links to the tasks they name (both by index), never a scan
    /// of every task.
    public static async Task<List<Prerequisite>> PrerequisitesAsync(UnbuiltDbContext db, int taskId, CancellationToken ct) =>
        await PrerequisitesOf(db, taskId).ToListAsync(ct);

    private static readonly Func<UnbuiltDbContext, int, IAsyncEnumerable<Prerequisite>> PrerequisitesOf =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int taskId) =>
            db.TaskDependencies.Where(d => d.TaskId == taskId)
                .Join(db.PlanTasks, d => d.PrerequisiteTaskId, t => t.Id, (d, t) => t)
                .OrderBy(t => t.Id).Select(t => new Prerequisite(t.Id, t.Title, t.Status)));

    public static List<Prerequisite> Incomplete(IEnumerable<Prerequisite> prerequisites) =>
        [.. prerequisites.Where(p => !TaskRules.IsDone(p.Status))];

    public static ProblemHttpResult Blocked(PlanTask task, List<Prerequisite> prerequisites) =>
        Problems.Conflict(
            $"'{task.Title}' is blocked by {prerequisites.Count} incomplete prerequisite{(prerequisites.Count == 1 ? "" : "s")}: " +
            string.Join(", ", prerequisites.Select(p => $"'{p.Title}' ({SnakeCaseEnum.Name(p.Status).Replace('_', ' ')})")) +
            ". Complete them first, or send \"override\": true to complete it anyway.",
            new Dictionary<string, object?> { ["prerequisites"] = prerequisites });

    public static string OverrideNote(List<Prerequisite> prerequisites) =>
        "Completed with override over incomplete prerequisites: " + string.Join(", ", prerequisites.Select(p => $"#{p.Id} {p.Title}"));

    public static void SetStatus(PlanTask task, TaskState status, int actorId, DateTime now)
    {
        if (status == task.Status) return;
        if (status == TaskState.Completed)
        {
            task.CompletedAt = now;
            task.CompletedBy = actorId;
        }
        else
        {
            task.CompletedAt = null;
            task.CompletedBy = null;
        }
        task.Status = status;
    }

    public static bool Completes(PlanTask task, TaskState? status) =>
        status == TaskState.Completed && task.Status != TaskState.Completed;
}

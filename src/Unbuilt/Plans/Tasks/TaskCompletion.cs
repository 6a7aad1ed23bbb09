using Microsoft.AspNetCore.Http.HttpResults;
using Unbuilt.Api;
using Unbuilt.Data.Configurations;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Reading;

namespace Unbuilt.Plans.Tasks;

/// Status changes: completing sets completed_at/by and is refused while prerequisites are incomplete (unless
/// overridden, which the history notes); leaving completed clears them.
public static class TaskCompletion
{
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

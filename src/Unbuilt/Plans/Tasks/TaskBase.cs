using Microsoft.AspNetCore.Http.HttpResults;
using Unbuilt.Api;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Reading;

namespace Unbuilt.Plans.Tasks;

/// PATCH /api/tasks/{id} `base`: the values the client's form started from. A field that is not nullable on a task
/// (title, description, status, resources) is "not given" when absent or null; the others tell absent (not given)
/// from null (the form started from no value).
public sealed record TaskBase(string? Title, string? Description, TaskState? Status, Optional<string?> EstimatedTime,
    List<string>? Resources, Optional<DateOnly?> DueDate, Optional<int?> AssigneeId);

/// No silent overwrite: a field the request changes is refused when someone else changed it since the client read it,
/// that is when the task's value is no longer the `base` the client sent for it. Fields sent without a base, and fields
/// whose base still holds, save as before; one conflict refuses the whole request, so nothing is half-applied.
public static class TaskBaseCheck
{
    /// Checks `base` as the fields themselves are checked, its errors named `base.{field}`.
    public static FieldErrors Check(FieldErrors errors, TaskBase? given)
    {
        if (given is null) return errors;
        var own = TaskFields.Check(new FieldErrors(), given.Title, false, given.Description, given.EstimatedTime.Value, given.Resources);
        foreach (var (field, messages) in own.ToDictionary())
            foreach (var message in messages) errors.Add($"base.{field}", message);
        return errors;
    }

    /// The fields <paramref name="request"/> changes whose base no longer matches <paramref name="task"/>, in the
    /// order the API lists them.
    public static List<string> Conflicts(PlanTask task, UpdateTaskRequest request)
    {
        var conflicts = new List<string>();
        if (request.Base is not { } given) return conflicts;
        void Compare(string field, bool sent, bool hasBase, bool same)
        {
            if (sent && hasBase && !same) conflicts.Add(field);
        }
        Compare("title", request.Title is not null, given.Title is not null, task.Title == given.Title);
        Compare("description", request.Description is not null, given.Description is not null, task.Description == given.Description);
        Compare("status", request.Status is not null, given.Status is not null, task.Status == given.Status);
        Compare("estimatedTime", request.EstimatedTime.IsSet, given.EstimatedTime.IsSet,
            task.EstimatedTime == TaskFields.Blank(given.EstimatedTime.Value));
        Compare("resources", request.Resources is not null, given.Resources is not null,
            given.Resources is { } resources && task.Resources.SequenceEqual(TaskFields.Clean(resources)));
        Compare("dueDate", request.DueDate.IsSet, given.DueDate.IsSet, task.DueDate == given.DueDate.Value);
        Compare("assigneeId", request.AssigneeId.IsSet, given.AssigneeId.IsSet, task.AssigneeId == given.AssigneeId.Value);
        return conflicts;
    }

    /// 409 with the task as it is now (`current`) and the fields in conflict (`conflicts`).
    public static ProblemHttpResult Refused(TaskResponse current, List<string> conflicts) =>
        Problems.Conflict($"Someone else changed {string.Join(", ", conflicts)} since you loaded this task; nothing was saved. " +
            "The task as it is now is in 'current': apply your change to it and send its values as 'base'.",
            new Dictionary<string, object?> { ["current"] = current, ["conflicts"] = conflicts });
}

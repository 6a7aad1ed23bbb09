using Unbuilt.Data.Plans;
using Unbuilt.Plans.Changes;

namespace Unbuilt.Plans.Undo;

/// One operation in words, from its task_history rows, for an undo or redo button: "complete 'Interview 10 owners'",
/// "delete 'Call bank'", "add 3 tasks", "link 'A' → 'B'", "delete phase 'Launch'". The web describes history entries its own way
/// (describeHistory.ts); this is the server's, so every client shows the same sentence.
public static class OperationSummary
{
    // An operation can touch several kinds of row (deleting a task also removes its links): it is named after the
    // first kind in this order, the one the user asked for.
    private static readonly string[] Precedence =
        ["task.created", "task.deleted", "task.updated", "task.moved", "dependency.added", "dependency.removed"];

    /// <param name="titles">Current task titles by id, for rows that carry ids only (links).</param>
    public static string Of(IReadOnlyList<TaskHistory> rows, IReadOnlyDictionary<int, string> titles, string type)
    {
        // A phase change may carry task rows too (deleting a phase moves its tasks): the phase is what was asked.
        if (rows.FirstOrDefault(r => r.Action.StartsWith("phase.", StringComparison.Ordinal)) is { } phaseRow) return OfPhase(phaseRow);
        var action = Precedence.FirstOrDefault(a => rows.Any(r => r.Action == a));
        if (action is null) return rows.Count > 0 ? Fallback(rows[0].Action) : Fallback(type);
        var mine = rows.Where(r => r.Action == action).ToList();
        var known = Titles(rows, titles);
        string Name(int? id) => id is { } taskId && known.TryGetValue(taskId, out var title) ? $"'{title}'" : "a task";
        if (action.StartsWith("dependency.", StringComparison.Ordinal))
        {
            var verb = action == "dependency.added" ? "link" : "unlink";
            if (mine.Count > 1) return $"{verb} {mine.Count} tasks";
            var link = RowJson.Read<DependencyRow>(mine[0].NewState ?? mine[0].PreviousState);
            return $"{verb} {Name(link?.PrerequisiteTaskId)} → {Name(link?.TaskId)}";
        }
        var taskVerb = action switch
        {
            "task.created" => "add",
            "task.deleted" => "delete",
            "task.moved" => "move",
            _ => mine.Count == 1 ? UpdateVerb(mine[0]) : "edit",
        };
        return mine.Count == 1 ? $"{taskVerb} {Name(mine[0].TaskId)}" : $"{taskVerb} {mine.Count} tasks";
    }

    private static string OfPhase(TaskHistory row)
    {
        var before = RowJson.Read<PhaseRow>(row.PreviousState);
        var after = RowJson.Read<PhaseRow>(row.NewState);
        var name = $"phase '{(after ?? before)?.Name}'";
        return row.Action switch
        {
            "phase.created" => $"add {name}",
            "phase.deleted" => $"delete {name}",
            "phase.moved" => $"move {name}",
            _ when before is not null && after is not null && before.Name != after.Name => $"rename phase '{before.Name}' to '{after.Name}'",
            _ => $"edit {name}",
        };
    }

    /// Every task id the rows mention, for the caller to look up titles the rows do not carry.
    public static IEnumerable<int> TaskIds(IEnumerable<TaskHistory> rows) => rows.SelectMany(r =>
    {
        var link = r.Action.StartsWith("dependency.", StringComparison.Ordinal)
            ? RowJson.Read<DependencyRow>(r.NewState ?? r.PreviousState) : null;
        return link is null ? (r.TaskId is { } id ? [id] : Array.Empty<int>()) : [link.TaskId, link.PrerequisiteTaskId];
    }).Distinct();

    private static string UpdateVerb(TaskHistory row)
    {
        var before = RowJson.Read<TaskRow>(row.PreviousState);
        var after = RowJson.Read<TaskRow>(row.NewState);
        if (before is null || after is null || before.Status == after.Status) return "edit";
        return after.Status switch
        {
            TaskState.Completed => "complete",
            TaskState.Skipped => "skip",
            TaskState.InProgress => "start",
            _ => "reopen",
        };
    }

    /// The titles the rows themselves record (a deleted task's is only there), over the current ones.
    private static Dictionary<int, string> Titles(IEnumerable<TaskHistory> rows, IReadOnlyDictionary<int, string> current)
    {
        var titles = new Dictionary<int, string>(current);
        foreach (var row in rows.Where(r => r.Action.StartsWith("task.", StringComparison.Ordinal) && r.TaskId is not null))
        {
            var state = RowJson.Read<TaskRow>(row.NewState ?? row.PreviousState);
            if (state is not null) titles[row.TaskId!.Value] = state.Title;
        }
        return titles;
    }

    // plan.updated → "update the plan"; member.added → "add a member" and so on.
    private static string Fallback(string action) => action switch
    {
        "plan.updated" => "edit the plan",
        "member.added" => "add a member",
        "member.updated" => "change a member's role",
        "member.removed" => "remove a member",
        _ => action.Replace('.', ' '),
    };
}

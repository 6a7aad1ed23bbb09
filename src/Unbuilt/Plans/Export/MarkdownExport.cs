using System.Globalization;
using System.Text;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Reading;

namespace Unbuilt.Plans.Export;

/// GitHub-flavoured Markdown: the plan's progress, then each phase with its progress and its tasks as a task list
/// (`- [x]` when completed; skipped tasks struck through), details indented under each task.
public static class MarkdownExport
{
    public static async Task WriteAsync(PlanExport export, TextWriter writer, CancellationToken ct)
    {
        var plan = export.Content.Plan;
        var overall = export.Progress.Overall;
        var text = new StringBuilder();
        text.Append("# ").Append(Escape(plan.Title)).Append("\n\n");
        if (plan.Description.Length > 0) text.Append(Escape(plan.Description)).Append("\n\n");
        text.Append("**Progress:** ").Append(Summary(overall)).Append("  \n");
        text.Append(CultureInfo.InvariantCulture, $"Exported {export.ExportedAt:yyyy-MM-dd HH:mm} UTC · version {plan.Version}\n");
        await writer.WriteAsync(text, ct);
        foreach (var (phase, index) in export.Content.Phases.Select((p, i) => (p, i + 1)))
        {
            text.Clear();
            var progress = export.Progress.Phases.First(p => p.PhaseId == phase.Id).Progress;
            text.Append(CultureInfo.InvariantCulture, $"\n## {index}. {Escape(phase.Name)}\n\n");
            text.Append("**Progress:** ").Append(Summary(progress));
            if (phase.EstimatedDuration is { } duration) text.Append(" · estimated ").Append(Escape(duration));
            text.Append("\n\n");
            if (phase.Description.Length > 0) text.Append(Escape(phase.Description)).Append("\n\n");
            foreach (var (task, _) in export.TasksOf(phase)) AppendTask(text, task, export);
            await writer.WriteAsync(text, ct);
        }
    }

    private static void AppendTask(StringBuilder text, PlanTask task, PlanExport export)
    {
        var title = Escape(task.Title);
        text.Append(task.Status == TaskState.Completed ? "- [x] " : "- [ ] ");
        text.Append(task.Status == TaskState.Skipped ? $"~~{title}~~ (skipped)" : title);
        if (task.Status == TaskState.InProgress) text.Append(" *(in progress)*");
        text.Append('\n');
        var details = new List<string>();
        if (task.EstimatedTime is { } time) details.Add("Estimated: " + Escape(time));
        if (task.DueDate is { } due) details.Add(due.ToString("'Due: 'yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (export.Person(task.AssigneeId) is { } assignee) details.Add("Assignee: " + Escape(assignee));
        if (task.CompletedAt is { } done) details.Add(done.ToString("'Completed: 'yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (export.PrerequisiteTitles(task).ToList() is { Count: > 0 } prerequisites)
            details.Add("Depends on: " + string.Join(", ", prerequisites.Select(Escape)));
        if (details.Count > 0) text.Append("  ").Append(string.Join(" · ", details)).Append('\n');
        if (task.Description.Length > 0)
        {
            foreach (var line in task.Description.Split('\n')) text.Append("  ").Append(Escape(line.TrimEnd('\r'))).Append('\n');
        }
        if (task.Resources.Count > 0) text.Append("  Resources: ").Append(string.Join(", ", task.Resources.Select(Escape))).Append('\n');
    }

    private static string Summary(ProgressSummary p)
    {
        var summary = string.Create(CultureInfo.InvariantCulture, $"{p.Completed}/{p.Total - p.Skipped} tasks completed ({p.Percent:0.#}%)");
        return p.Skipped > 0 ? string.Create(CultureInfo.InvariantCulture, $"{summary}, {p.Skipped} skipped") : summary;
    }

    /// Characters that would turn user text into Markdown syntax (links, emphasis, HTML, headings, code).
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '[' or ']' or '<' or '>' or '`' or '#' or '~' or '|') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}

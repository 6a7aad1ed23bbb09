using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Reading;

namespace Unbuilt.Plans.Export;

/// What every export format writes: the plan in order, filtered by the include flags, with names for ids.
public sealed class PlanExport
{
    private readonly Dictionary<int, string> people;

    private PlanExport(PlanContent content, ProgressResponse progress, Dictionary<int, string> people, bool includeCompleted,
        bool includeSkipped, DateTime exportedAt)
    {
        Content = content;
        Progress = progress;
        this.people = people;
        ExportedAt = exportedAt;
        Included = task => (includeCompleted || task.Status != TaskState.Completed) && (includeSkipped || task.Status != TaskState.Skipped);
    }

    public PlanContent Content { get; }
    public ProgressResponse Progress { get; }
    public DateTime ExportedAt { get; }
    public Func<PlanTask, bool> Included { get; }

    public static async Task<PlanExport> LoadAsync(UnbuiltDbContext db, PlanContent content, bool includeCompleted,
        bool includeSkipped, DateTime now, CancellationToken ct)
    {
        var ids = content.Tasks.SelectMany(t => new[] { t.AssigneeId, t.CompletedBy }).OfType<int>().Distinct().ToList();
        var people = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        var progress = await ProgressResponse.ForAsync(content, db, now, ct);
        return new PlanExport(content, progress, people, includeCompleted, includeSkipped, now);
    }

    public string? Person(int? userId) => userId is { } id ? people.GetValueOrDefault(id, $"user {id}") : null;

    /// The phase's tasks to export, each with its 1-based order among all the phase's tasks.
    public IEnumerable<(PlanTask Task, int Order)> TasksOf(PlanPhase phase) =>
        Content.TasksOf(phase.Id).Select((task, i) => (task, i + 1)).Where(x => Included(x.task));

    public IEnumerable<string> PrerequisiteTitles(PlanTask task) =>
        Content.PrerequisiteIds(task.Id).Select(id => Content.Task(id)?.Title).OfType<string>();

    public static string StatusLabel(TaskState status) => status switch
    {
        TaskState.NotStarted => "Not started",
        TaskState.InProgress => "In progress",
        TaskState.Completed => "Completed",
        _ => "Skipped",
    };
}

using Unbuilt.Data.Plans;

namespace Unbuilt.Plans.Reading;

public sealed record PlanResponse(int Id, string Title, string Description, PlanStatus Status, int Version,
    MemberRole Role, int OwnerId, int? SearchId, int? SearchResultId, string TemplateId, ProgressSummary Progress,
    IReadOnlyList<PhaseResponse> Phases, DateTime CreatedAt, DateTime UpdatedAt, DateTime? CompletedAt);

public sealed record PhaseResponse(int Id, string Name, string Description, string Position, string? EstimatedDuration,
    ProgressSummary Progress, IReadOnlyList<TaskResponse> Tasks);

public sealed record TaskResponse(int Id, int PlanId, int PhaseId, string Title, string Description, TaskState Status,
    string Position, string? EstimatedTime, IReadOnlyList<string> Resources, DateOnly? DueDate, int? AssigneeId,
    bool IsCustom, DateTime? CompletedAt, int? CompletedBy, IReadOnlyList<int> PrerequisiteIds, bool Blocked,
    DateTime CreatedAt, DateTime UpdatedAt);

/// GET /api/plans: one line per plan, with its progress.
public sealed record PlanSummary(int Id, string Title, string Description, PlanStatus Status, int Version,
    MemberRole Role, int OwnerId, int? SearchResultId, ProgressSummary Progress, DateTime CreatedAt, DateTime UpdatedAt);

/// Counts by status; percent = completed ÷ (total − skipped), one decimal (100 when every task is skipped).
public sealed record ProgressSummary(int Total, int NotStarted, int InProgress, int Completed, int Skipped, double Percent)
{
    public static ProgressSummary Of(IEnumerable<TaskState> statuses)
    {
        int notStarted = 0, inProgress = 0, completed = 0, skipped = 0;
        foreach (var status in statuses)
        {
            switch (status)
            {
                case TaskState.NotStarted: notStarted++; break;
                case TaskState.InProgress: inProgress++; break;
                case TaskState.Completed: completed++; break;
                default: skipped++; break;
            }
        }
        var total = notStarted + inProgress + completed + skipped;
        return new(total, notStarted, inProgress, completed, skipped, PercentOf(total, completed, skipped));
    }

    public static double PercentOf(int total, int completed, int skipped) =>
        total - skipped == 0 ? (total == 0 ? 0 : 100) : Math.Round(100.0 * completed / (total - skipped), 1);
}

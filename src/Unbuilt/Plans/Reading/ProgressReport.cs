using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Data.Plans;

namespace Unbuilt.Plans.Reading;

public sealed record PhaseProgress(int PhaseId, string Name, ProgressSummary Progress);

public sealed record ProgressPoint(DateOnly Day, int Total, int Completed, int Skipped);

/// GET /api/plans/{id}/progress. Velocity = tasks completed in the last 30 days, per week; the estimate divides
/// what is left by it. Both only with enough evidence (see <see cref="ProgressForecast"/>); otherwise both are null
/// and ForecastNeeds says what is missing. The burn-up series has one point per day from the plan's first
/// snapshot to today (days without changes carry the previous counts).
public sealed record ProgressResponse(int PlanId, int Version, ProgressSummary Overall, IReadOnlyList<PhaseProgress> Phases,
    int CompletedLast30Days, double? VelocityPerWeek, int Remaining, DateOnly? EstimatedCompletionDate,
    string? ForecastNeeds, IReadOnlyList<ProgressPoint> Snapshots)
{
    private const int MaxPoints = 366;

    public static async Task<ProgressResponse> ForAsync(PlanContent content, UnbuiltDbContext db, DateTime now, CancellationToken ct)
    {
        var overall = ProgressSummary.Of(content.Tasks.Select(t => t.Status));
        var phases = content.Phases
            .Select(p => new PhaseProgress(p.Id, p.Name, ProgressSummary.Of(content.TasksOf(p.Id).Select(t => t.Status)))).ToList();
        var completions = content.Tasks.Where(t => t.Status == TaskState.Completed && t.CompletedAt is not null)
            .Select(t => t.CompletedAt!.Value).ToList();
        var recent = completions.Count(c => c > now.AddDays(-ProgressForecast.WindowDays));
        var remaining = overall.Total - overall.Skipped - overall.Completed;
        var today = DateOnly.FromDateTime(now);
        var forecast = ProgressForecast.Of(completions, remaining, now);
        var snapshots = await db.PlanProgressSnapshots.AsNoTracking().Where(s => s.PlanId == content.Plan.Id)
            .OrderBy(s => s.Day).ToListAsync(ct);
        return new ProgressResponse(content.Plan.Id, content.Plan.Version, overall, phases, recent, forecast.VelocityPerWeek,
            remaining, forecast.EstimatedCompletionDate, forecast.Needs, Series(snapshots, today));
    }

    private static List<ProgressPoint> Series(List<PlanProgressSnapshot> snapshots, DateOnly today)
    {
        var points = new List<ProgressPoint>();
        if (snapshots.Count == 0) return points;
        var byDay = snapshots.ToDictionary(s => s.Day);
        var first = snapshots[0].Day;
        if (today.DayNumber - first.DayNumber >= MaxPoints) first = today.AddDays(-(MaxPoints - 1));
        var last = snapshots.LastOrDefault(s => s.Day <= first) ?? snapshots[0];
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            if (byDay.TryGetValue(day, out var snapshot)) last = snapshot;
            points.Add(new ProgressPoint(day, last.TotalTasks, last.CompletedTasks, last.SkippedTasks));
        }
        return points;
    }
}

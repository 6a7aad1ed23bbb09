using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Unbuilt.Data;
using Unbuilt.FlagEngine;
using Unbuilt.Flags;
using Unbuilt.Monitoring;

namespace Unbuilt.Rollout;

/// A rollout phase judged by its success criteria, over the phase's window:
/// <list type="bullet">
/// <item>engagement: users with the feature who created a plan in the window ÷ users with the feature active in it;</item>
/// <item>task completion: completed ÷ all tasks of the plans created in the window, as they stand now;</item>
/// <item>error rate: server errors (5xx) ÷ requests of the feature's operations in the window;</item>
/// <item>plan load and task update p95 of those requests;</item>
/// <item>return rate: of the users first seen in the window at least ReturnDays ago, those seen again ReturnDays or
/// more after that first visit; for users with the feature, held against users without it.</item>
/// </list>
/// Active means an analytics event, a successful audited action (a login) or a plan created in the window. Whether a
/// user had the feature is the flag's rules for them as the phase ended. Everything is counted in the database, per
/// user at most (users active in the window: their id, tier and first and last visit).
public sealed class SuccessCriteria(
    UnbuiltDbContext db, PhaseWindows windows, FeatureOperations operations, TelemetryWriter telemetry,
    IOptions<CriteriaOptions> options, TimeProvider clock)
{
    public const string Pass = "pass", Fail = "fail", NotEnoughData = "not-enough-data";
    public const string Engagement = "engagement", TaskCompletion = "task-completion", ErrorRate = "error-rate",
        PlanLoadP95 = "plan-load-p95", TaskUpdateP95 = "task-update-p95", ReturnRate = "return-rate";
    public const string Above = ">", Below = "<", AtLeast = ">=";
    public const string Percent = "percent", Milliseconds = "ms";

    private CriteriaOptions Limits => options.Value;

    /// Every phase's criteria, newest (current) first; null when there is no such flag.
    public async Task<List<PhaseCriteria>?> ForPhasesAsync(string flagName, CancellationToken ct) =>
        await ReadAsync(flagName, Limits.MaxPhases, ct);

    /// The current phase's criteria; null when there is no such flag.
    public async Task<PhaseCriteria?> ForCurrentPhaseAsync(string flagName, CancellationToken ct) =>
        (await ReadAsync(flagName, 1, ct))?[0];

    private async Task<List<PhaseCriteria>?> ReadAsync(string flagName, int max, CancellationToken ct)
    {
        await telemetry.FlushAsync(); // the requests that just finished count
        var found = await windows.ReadAsync(flagName, max, ct);
        if (found is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var eventTypes = operations.EventTypesFor(flagName);
        var result = new List<PhaseCriteria>(found.Count);
        foreach (var window in found) result.Add(await JudgeAsync(window, eventTypes, now, ct));
        return result;
    }

    private async Task<PhaseCriteria> JudgeAsync(PhaseWindow window, IReadOnlyList<string> eventTypes, DateTime now, CancellationToken ct)
    {
        var to = window.To ?? now;
        var users = await UsersAsync(window, to, now, ct);
        var criteria = new List<CriterionResult>
        {
            EngagementOf(users),
            await TaskCompletionAsync(window.From, to, ct),
        };
        criteria.AddRange(await RequestsAsync(window.From, to, eventTypes, ct));
        criteria.Add(ReturnRateOf(users, now));
        return new PhaseCriteria(window.Phase, window.From, window.To, window.Current, Overall(criteria), criteria);
    }

    /// One row per user active in the window: whether the flag was on for them, whether they created a plan, their
    /// first visit in the window and their last visit since it began (up to now).
    private async Task<List<ActiveUser>> UsersAsync(PhaseWindow window, DateTime to, DateTime now, CancellationToken ct)
    {
        var from = window.From;
        var events = db.AnalyticsEvents.AsNoTracking().Where(e => e.UserId != null && e.Timestamp >= from);
        var audits = db.SecurityAuditLogs.AsNoTracking().Where(l => l.UserId != null && l.Success && l.Timestamp >= from);
        var first = new Dictionary<int, DateTime>();
        var last = new Dictionary<int, DateTime>();
        void Seen(Dictionary<int, DateTime> seen, int user, DateTime at, bool earliest)
        {
            if (!seen.TryGetValue(user, out var known) || (earliest ? at < known : at > known)) seen[user] = at;
        }

        foreach (var row in await events.Where(e => e.Timestamp < to).GroupBy(e => e.UserId!.Value)
                     .Select(g => new { User = g.Key, At = g.Min(e => e.Timestamp) }).ToListAsync(ct))
            Seen(first, row.User, row.At, true);
        foreach (var row in await audits.Where(l => l.Timestamp < to).GroupBy(l => l.UserId!.Value)
                     .Select(g => new { User = g.Key, At = g.Min(l => l.Timestamp) }).ToListAsync(ct))
            Seen(first, row.User, row.At, true);
        var planners = await db.ActionPlans.AsNoTracking().Where(p => p.CreatedAt >= from && p.CreatedAt < to)
            .GroupBy(p => p.UserId).Select(g => new { User = g.Key, At = g.Min(p => p.CreatedAt) }).ToListAsync(ct);
        foreach (var row in planners) Seen(first, row.User, row.At, true);
        if (first.Count == 0) return [];

        foreach (var row in await events.GroupBy(e => e.UserId!.Value)
                     .Select(g => new { User = g.Key, At = g.Max(e => e.Timestamp) }).ToListAsync(ct))
            Seen(last, row.User, row.At, false);
        foreach (var row in await audits.GroupBy(l => l.UserId!.Value)
                     .Select(g => new { User = g.Key, At = g.Max(l => l.Timestamp) }).ToListAsync(ct))
            Seen(last, row.User, row.At, false);

        var ids = first.Keys.ToList();
        var tiers = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Tier, u.Email, u.EmailTrusted, u.CreatedAt }).ToListAsync(ct);
        var planned = planners.Select(p => p.User).ToHashSet();
        return [.. tiers.Select(u => new ActiveUser(
            FlagEvaluator.Evaluate(window.State, FlagCallers.For(u.Id, u.Tier, u.Email, u.EmailTrusted, u.CreatedAt, now)).Enabled,
            planned.Contains(u.Id), first[u.Id], last.TryGetValue(u.Id, out var seen) && seen > first[u.Id] ? seen : first[u.Id]))];
    }

    private CriterionResult EngagementOf(List<ActiveUser> users)
    {
        var withFeature = users.Where(u => u.HasFeature).ToList();
        var planned = withFeature.Count(u => u.CreatedPlan);
        return Judge(Engagement, Rate(planned, withFeature.Count), Above, Limits.EngagementPercent, Percent,
            withFeature.Count, Limits.MinUsers);
    }

    /// Plans created in the window, their tasks as they stand now: totals kept exact on the plan row.
    private async Task<CriterionResult> TaskCompletionAsync(DateTime from, DateTime to, CancellationToken ct)
    {
        var plans = db.ActionPlans.AsNoTracking().Where(p => p.CreatedAt >= from && p.CreatedAt < to);
        var tasks = await plans.SumAsync(p => (long)p.TotalTasks, ct);
        var completed = await plans.SumAsync(p => (long)p.CompletedTasks, ct);
        return Judge(TaskCompletion, Rate(completed, tasks), Above, Limits.TaskCompletionPercent, Percent,
            (int)Math.Min(tasks, int.MaxValue), Limits.MinTasks);
    }

    /// The error rate over the feature's operations, and the two p95s; each percentile reads two rows, not the window.
    private async Task<List<CriterionResult>> RequestsAsync(DateTime from, DateTime to, IReadOnlyList<string> eventTypes, CancellationToken ct)
    {
        var requests = db.AnalyticsEvents.AsNoTracking()
            .Where(e => e.Timestamp >= from && e.Timestamp < to && eventTypes.Contains(e.EventType));
        var count = eventTypes.Count == 0 ? 0 : await requests.CountAsync(ct);
        var errors = count == 0 ? 0 : await requests.CountAsync(e => e.StatusCode >= 500, ct);
        var (planLoad, planLoads) = await P95Async(requests, eventTypes, FeatureHealth.PlanLoaded, ct);
        var (taskUpdate, taskUpdates) = await P95Async(requests, eventTypes, AlertRules.TaskUpdated, ct);
        return
        [
            Judge(ErrorRate, Rate(errors, count), Below, Limits.ErrorRatePercent, Percent, count, Limits.MinRequests),
            Judge(PlanLoadP95, planLoad, Below, Limits.PlanLoadP95Ms, Milliseconds, planLoads, Limits.MinRequests),
            Judge(TaskUpdateP95, taskUpdate, Below, Limits.TaskUpdateP95Ms, Milliseconds, taskUpdates, Limits.MinRequests),
        ];
    }

    /// The p95 as Percentiles.Continuous gives it (linear between the two nearest ranks), reading only those ranks.
    private static async Task<(double?, int)> P95Async(IQueryable<Data.Monitoring.AnalyticsEvent> requests,
        IReadOnlyList<string> eventTypes, string operation, CancellationToken ct)
    {
        if (!eventTypes.Contains(operation)) return (null, 0);
        var timed = requests.Where(e => e.EventType == operation && e.ResponseTimeMs != null);
        var count = await timed.CountAsync(ct);
        if (count == 0) return (null, 0);
        var position = AlertRules.Percentile * (count - 1);
        var lower = (int)Math.Floor(position);
        var values = await timed.OrderBy(e => e.ResponseTimeMs).Select(e => e.ResponseTimeMs!.Value)
            .Skip(lower).Take(2).ToListAsync(ct);
        var below = values[0];
        var above = values.Count > 1 ? values[1] : below;
        return (Percentiles.Round(below + (position - lower) * (above - below)), count);
    }

    /// Users first seen in the window at least ReturnDays ago; returned: seen again ReturnDays or more later.
    private CriterionResult ReturnRateOf(List<ActiveUser> users, DateTime now)
    {
        var days = TimeSpan.FromDays(Limits.ReturnDays);
        var eligible = users.Where(u => u.FirstSeen <= now - days).ToList();
        var with = eligible.Where(u => u.HasFeature).ToList();
        var without = eligible.Where(u => !u.HasFeature).ToList();
        var withRate = Rate(with.Count(u => u.LastSeen >= u.FirstSeen + days), with.Count);
        var withoutRate = Rate(without.Count(u => u.LastSeen >= u.FirstSeen + days), without.Count);
        var enough = with.Count >= Limits.MinUsers && without.Count >= Limits.MinUsers;
        var verdict = !enough || withRate is null || withoutRate is null ? NotEnoughData : withRate >= withoutRate ? Pass : Fail;
        return new CriterionResult(ReturnRate, withRate, AtLeast, withoutRate, Percent, with.Count, Limits.MinUsers, verdict,
            without.Count);
    }

    private static CriterionResult Judge(string name, double? value, string comparison, double threshold, string unit,
        int sample, int minSample)
    {
        var verdict = value is not { } v || sample < minSample ? NotEnoughData
            : (comparison == Above ? v > threshold : v < threshold) ? Pass : Fail;
        return new CriterionResult(name, value, comparison, threshold, unit, sample, minSample, verdict, null);
    }

    /// Fail when any criterion fails; pass when all pass; otherwise not enough data.
    private static string Overall(List<CriterionResult> criteria) =>
        criteria.Any(c => c.Verdict == Fail) ? Fail : criteria.All(c => c.Verdict == Pass) ? Pass : NotEnoughData;

    private static double? Rate(long part, long total) => total == 0 ? null : Math.Round(100.0 * part / total, 3);

    private sealed record ActiveUser(bool HasFeature, bool CreatedPlan, DateTime FirstSeen, DateTime LastSeen);
}

/// One phase's window (to: null while it is the current phase) and its criteria; verdict is fail when any criterion
/// fails, pass when all pass, otherwise not-enough-data.
public sealed record PhaseCriteria(string Phase, DateTime From, DateTime? To, bool Current,
    [property: AllowedValues(SuccessCriteria.Pass, SuccessCriteria.Fail, SuccessCriteria.NotEnoughData)] string Verdict,
    IReadOnlyList<CriterionResult> Criteria);

/// One criterion: the value measured (null with nothing to measure), held against the threshold by comparison (the
/// value must be above, below, or at least it), in percent or milliseconds; sample is what the value was counted
/// over (users, tasks or requests) and minSample what a verdict needs. For return-rate the threshold is the rate of
/// the users without the feature, and baselineSample how many of those there were (null for every other criterion).
public sealed record CriterionResult(
    [property: AllowedValues(SuccessCriteria.Engagement, SuccessCriteria.TaskCompletion, SuccessCriteria.ErrorRate,
        SuccessCriteria.PlanLoadP95, SuccessCriteria.TaskUpdateP95, SuccessCriteria.ReturnRate)] string Name,
    double? Value,
    [property: AllowedValues(SuccessCriteria.Above, SuccessCriteria.Below, SuccessCriteria.AtLeast)] string Comparison,
    double? Threshold,
    [property: AllowedValues(SuccessCriteria.Percent, SuccessCriteria.Milliseconds)] string Unit,
    int Sample, int MinSample,
    [property: AllowedValues(SuccessCriteria.Pass, SuccessCriteria.Fail, SuccessCriteria.NotEnoughData)] string Verdict,
    int? BaselineSample);

/// GET /api/feature-flags/{name}/criteria: the flag's phases, newest (current) first.
public sealed record CriteriaResponse(string Flag, IReadOnlyList<PhaseCriteria> Phases);

using Microsoft.AspNetCore.Http.HttpResults;
using Unbuilt.Accounts;
using Unbuilt.Api;
using Unbuilt.Flags;
using Microsoft.Extensions.Options;
using Unbuilt.Monitoring;

namespace Unbuilt.Rollout;

/// The admin monitoring API: metrics over a window, alerts firing now, and the error log of a feature: server
/// errors, or client errors with `client=true`.
public static class PerformanceApi
{
    public const int DefaultErrorLimit = 100;
    public const int MaxErrorLimit = 1000;

    public static void MapPerformance(this IEndpointRouteBuilder app)
    {
        var performance = app.MapGroup("/api/performance").RequireAuthorization(AccountsSetup.AdminPolicy).WithTags("Monitoring");
        performance.MapGet("/metrics", Metrics);
        performance.MapGet("/alerts", async (ActiveAlerts alerts, CancellationToken ct) => TypedResults.Ok(await alerts.ReadAsync(ct)));
        performance.MapGet("/errors", Errors);
        performance.MapGet("/series", Series);
    }

    /// p95 and error rates per operation over the window, one point per step (a minute by default; an hour for 24h),
    /// with the alert thresholds to draw beside them.
    private static async Task<Results<Ok<SeriesResponse>, ValidationProblem>> Series(
        string? window, string? step, string? operation, OperationSeries series, IOptions<AlertOptions> alerts,
        TimeProvider clock, CancellationToken ct)
    {
        window ??= "1h";
        step ??= window == "24h" ? "1h" : "1m";
        var errors = new FieldErrors();
        var span = TimeSpan.Zero;
        var each = TimeSpan.Zero;
        if (!TimeWindows.MetricWindows.Contains(window) || !TimeWindows.TryParse(window, out span))
            errors.Add("window", $"window must be one of {string.Join(", ", TimeWindows.MetricWindows)}.");
        if (!TimeWindows.SeriesSteps.Contains(step) || !TimeWindows.TryParse(step, out each))
            errors.Add("step", $"step must be one of {string.Join(", ", TimeWindows.SeriesSteps)}.");
        else if (span != TimeSpan.Zero && each >= span) errors.Add("step", $"step must be shorter than the window ({window}).");
        if (operation is { Length: 0 or > 100 }) errors.Add("operation", "operation is an operation's name (1 to 100 characters).");
        if (errors.Any) return errors.ToProblem();
        // Steps start on the clock's whole minutes or hours, so two reads a few seconds apart share their points.
        var to = clock.GetUtcNow().UtcDateTime;
        var from = to - span;
        from = new DateTime(from.Ticks - from.Ticks % each.Ticks, DateTimeKind.Utc);
        var o = alerts.Value;
        return TypedResults.Ok(new SeriesResponse(window, step, from, to,
            new SeriesThresholds(o.ErrorRatePercent, o.ApiP95Ms, o.TaskUpdateP95Ms, AlertRules.TaskUpdated),
            await series.ReadAsync(from, to, each, operation, ct)));
    }

    private static async Task<Results<Ok<MetricsResponse>, ValidationProblem>> Metrics(
        string? window, MetricsReport report, CancellationToken ct)
    {
        window ??= "1h";
        if (!TimeWindows.MetricWindows.Contains(window) || !TimeWindows.TryParse(window, out var span))
            return new FieldErrors().Add("window", $"window must be one of {string.Join(", ", TimeWindows.MetricWindows)}.").ToProblem();
        return TypedResults.Ok(await report.ReadAsync(window, span, ct));
    }

    private static async Task<Results<Ok<ErrorsResponse>, ProblemHttpResult, ValidationProblem>> Errors(
        string? feature, string? since, int? limit, bool? client, ErrorLog log, FeatureOperations operations,
        FlagSnapshotStore flags, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (!TimeWindows.TryParse(since ?? "1h", out var span))
            errors.Add("since", "since is a duration such as 15m, 1h, 24h or 7d (at most 30d).");
        if (limit is < 1 or > MaxErrorLimit) errors.Add("limit", $"limit must be between 1 and {MaxErrorLimit}.");
        if (errors.Any) return errors.ToProblem();
        if (feature is not null && !flags.Current.TryFind(feature, out _)) return FlagAdminApi.FlagNotFound(feature);
        var from = clock.GetUtcNow().UtcDateTime - span;
        var actions = feature is null ? null : operations.AuditActionsFor(feature);
        return TypedResults.Ok(await log.ReadAsync(feature, actions, from, limit ?? DefaultErrorLimit, client ?? false, ct));
    }
}

/// A series: its window and step, the span it covers (from: the first step's start), the thresholds the alert
/// rules apply (to draw as lines), and each operation's points.
public sealed record SeriesResponse(string Window, string Step, DateTime From, DateTime To, SeriesThresholds Thresholds,
    IReadOnlyList<SeriesLine> Operations);

/// <param name="ErrorRatePercent">Server errors above this percentage raise an alert (every operation).</param>
/// <param name="ApiP95Ms">Any operation's p95 above this raises an alert.</param>
/// <param name="TaskUpdateP95Ms">The p95 of <paramref name="TaskUpdateOperation"/> above this raises an alert.</param>
public sealed record SeriesThresholds(double ErrorRatePercent, double ApiP95Ms, double TaskUpdateP95Ms, string TaskUpdateOperation);

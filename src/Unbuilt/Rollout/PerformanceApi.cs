using Microsoft.AspNetCore.Http.HttpResults;
using Unbuilt.Accounts;
using Unbuilt.Api;
using Unbuilt.Flags;
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

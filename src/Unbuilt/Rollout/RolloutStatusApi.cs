using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Unbuilt.Accounts;
using Unbuilt.Data;
using Unbuilt.Flags;
using Unbuilt.FlagEngine;

namespace Unbuilt.Rollout;

/// GET /api/feature-flags/{name}/status (`unbuilt flags status`): the flag with its phase, and the phase's health
/// held against its gate, which is what decides whether `advance` may go on.
public static class RolloutStatusApi
{
    public static void MapRolloutStatus(this IEndpointRouteBuilder app) =>
        app.MapAdminFlags()
            .MapGet("/{name}/status", Status);

    private static async Task<Results<Ok<FlagStatusResponse>, ProblemHttpResult>> Status(
        string name, UnbuiltDbContext db, IRolloutHealth health, IOptions<RolloutOptions> rollout, TimeProvider clock,
        SuccessCriteria criteria, CancellationToken ct)
    {
        var flag = await db.FeatureFlags.AsNoTracking().FirstOrDefaultAsync(f => f.Name == name, ct);
        if (flag is null) return FlagAdminApi.FlagNotFound(name);
        var blocked = await db.UserFeatureFlags.Where(e => e.FeatureFlagId == flag.Id && !e.Enabled)
            .Select(e => e.UserId).OrderBy(id => id).ToListAsync(ct);
        var plan = FlagPhases.PlanOf(flag);
        var phase = FlagPhases.CurrentPhase(flag, plan);
        var now = clock.GetUtcNow().UtcDateTime;
        var measured = await health.ReadAsync(name, flag.PhaseStartedAt ?? now, ct);
        var verdict = GateVerdict.For(phase, measured, rollout.Value.MinSamples);
        var judged = await criteria.ForCurrentPhaseAsync(name, ct);
        return TypedResults.Ok(new FlagStatusResponse(flag.Name, flag.Description, flag.Enabled, flag.Phase,
            flag.PhaseStartedAt, flag.PhaseStartedAt is { } since ? (long)(now - since).TotalSeconds : null,
            phase?.PlannedDuration is { } planned ? (long)planned.TotalSeconds : null,
            phase is null ? null : plan.Next(phase)?.Name, flag.RolloutPercentage, flag.AllowedTiers,
            flag.AllowedUserIds, blocked, flag.CreatedAt, flag.UpdatedAt, flag.GuardPolicy,
            [.. plan.Phases.Select(p => p.Name)], verdict.Health, verdict.Breaches, phase?.HealthGate, verdict.Reading,
            measured?.Requests, verdict.MinSamples, measured?.ClientErrors, measured?.ClientErrorRatePercent, judged, flag.Segments));
    }
}

/// Where a rollout stands: phase and time in it, the plan, and health against the phase's gate (to leave it).
/// healthRequests are the feature's requests since the phase began (null when no operation is gated by the flag),
/// healthMinSamples the requests a health reading needs; clientErrors (4xx) among them are shown, never judged.
/// criteria is the current phase's success criteria (all phases: GET …/criteria).
public sealed record FlagStatusResponse(string Name, string Description, bool Enabled, string? Phase,
    DateTime? PhaseStartedAt, long? TimeInPhaseSeconds, long? PlannedDurationSeconds, string? NextPhase,
    int RolloutPercentage, IReadOnlyList<string> AllowedTiers, IReadOnlyList<int> AllowedUserIds,
    IReadOnlyList<int> BlockedUserIds, DateTime CreatedAt, DateTime UpdatedAt,
    [property: AllowedValues(GuardPolicies.Alert, GuardPolicies.StepDown, GuardPolicies.Rollback)] string GuardPolicy,
    IReadOnlyList<string> Phases, string Health, IReadOnlyList<string> HealthBreaches, HealthGate? HealthGate,
    HealthReading? HealthReading, int? HealthRequests, int HealthMinSamples, int? ClientErrors,
    double? ClientErrorRatePercent, PhaseCriteria? Criteria, IReadOnlyList<string> Segments);

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Data.Flags;
using Unbuilt.FlagEngine;
using Unbuilt.Flags;

namespace Unbuilt.Rollout;

/// A scheduled rollout: `PUT /api/feature-flags/{name}/schedule` lets the flag advance by itself, phase after phase up
/// to `until` (the plan's last phase by default), each step once the current phase has run its planned duration with
/// its health gate holding. The rollout guard takes the steps (ScheduledAdvance), after its own check, so a breach is
/// met by the guard's policy, never by a step up. GET shows the timeline; DELETE stops it.
public static class RolloutScheduleApi
{
    public static void MapRolloutSchedule(this IEndpointRouteBuilder app)
    {
        var flags = app.MapAdminFlags();
        flags.MapGet("/{name}/schedule", Get);
        flags.MapPut("/{name}/schedule", Set);
        flags.MapDelete("/{name}/schedule", Stop);
    }

    private static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> Get(
        string name, ScheduleReader reader, CancellationToken ct) =>
        await reader.ReadAsync(name, ct) is { } schedule ? TypedResults.Ok(schedule) : FlagAdminApi.FlagNotFound(name);

    private static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult, ValidationProblem>> Set(
        string name, ScheduleRequest? request, HttpContext http, FlagChanges changes, ScheduleReader reader,
        IOptions<GuardOptions> guard, CancellationToken ct)
    {
        var errors = new FieldErrors().Texts(null, request?.Reason);
        if (errors.Any) return errors.ToProblem();
        if (!guard.Value.Enabled)
            return Problems.Conflict("The rollout guard is off on this server (Unbuilt:Guard:Enabled), and it is what takes " +
                "a schedule's steps after checking the feature's health; turn it on to schedule a rollout.");

        await using (var edit = await changes.BeginAsync(name, ct))
        {
            if (edit is null) return FlagAdminApi.FlagNotFound(name);
            if (edit.CurrentPhase is not { } current)
                return Problems.Conflict($"Feature flag '{name}' is in no phase of its plan ({edit.Flag.Phase ?? "none"}); " +
                    "deploy a phase first, then schedule the rest.");
            var phases = edit.Plan.Phases;
            var from = phases.IndexOf(current);
            if (from == phases.Length - 1)
                return Problems.Conflict($"Feature flag '{name}' is already in its last phase, {current.Name}; there is nothing to schedule.");
            var until = string.IsNullOrWhiteSpace(request?.Until) ? phases[^1] : edit.Plan.Find(request.Until.Trim());
            if (until is null)
                return errors.Add("until", $"Unknown phase '{request!.Until}'; valid phases are {string.Join(", ", phases.Select(p => p.Name))}.").ToProblem();
            if (phases.IndexOf(until) <= from)
                return errors.Add("until", $"until must be a phase after the current one ({current.Name}): " +
                    $"{string.Join(", ", phases.Skip(from + 1).Select(p => p.Name))}.").ToProblem();
            edit.Schedule(until.Name);
            await edit.CommitAsync("schedule", FlagActor.From(http),
                RolloutApi.Join($"advance by itself up to {until.Name}", request?.Reason), ct);
        }
        return TypedResults.Ok((await reader.ReadAsync(name, ct))!);
    }

    private static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult, ValidationProblem>> Stop(
        string name, string? reason, HttpContext http, FlagChanges changes, ScheduleReader reader, CancellationToken ct)
    {
        var errors = new FieldErrors().Texts(null, reason);
        if (errors.Any) return errors.ToProblem();
        await using (var edit = await changes.BeginAsync(name, ct))
        {
            if (edit is null) return FlagAdminApi.FlagNotFound(name);
            edit.Schedule(null);
            // Stopping a schedule that is not running changes nothing, and so writes nothing.
            await edit.CommitAsync("unschedule", FlagActor.From(http), RolloutApi.Join("every further step by hand", reason), ct);
        }
        return TypedResults.Ok((await reader.ReadAsync(name, ct))!);
    }
}

/// `until`: the phase to advance to by itself (default: the plan's last); `reason` goes into the flag's history.
public sealed record ScheduleRequest(string? Until, string? Reason);

/// Reads a flag's rollout as a timeline: its phases done, current, next and later, when each next step can come at
/// the earliest (the current phase's start plus the planned durations), and what the next step still waits for.
public sealed class ScheduleReader(
    UnbuiltDbContext db, IRolloutHealth health, IOptions<RolloutOptions> rollout, IOptions<GuardOptions> guard,
    TimeProvider clock)
{
    public async Task<ScheduleResponse?> ReadAsync(string name, CancellationToken ct)
    {
        var flag = await db.FeatureFlags.AsNoTracking().FirstOrDefaultAsync(f => f.Name == name, ct);
        if (flag is null) return null;
        var plan = FlagPhases.PlanOf(flag);
        var current = FlagPhases.CurrentPhase(flag, plan);
        var now = clock.GetUtcNow().UtcDateTime;
        var at = current is null ? -1 : plan.Phases.IndexOf(current);
        var until = flag.AutoAdvanceUntil is { } u ? plan.Phases.IndexOf(plan.Find(u)!) : -1;
        var scheduled = until > at && at >= 0;

        IReadOnlyList<string> waitingFor = [];
        if (scheduled)
        {
            var measured = await health.ReadAsync(name, flag.PhaseStartedAt ?? now, ct);
            var check = AdvanceCheck.For(current!, GateVerdict.For(current, measured, rollout.Value.MinSamples),
                now - (flag.PhaseStartedAt ?? now));
            waitingFor = check.Obstacles;
        }

        var steps = new List<ScheduleStep>();
        DateTime? expected = at >= 0 && flag.PhaseStartedAt is { } started ? started : null;
        for (var i = 0; i < plan.Phases.Length; i++)
        {
            var phase = plan.Phases[i];
            var state = i < at ? ScheduleStep.Done : i == at ? ScheduleStep.Current : i == at + 1 ? ScheduleStep.Next : ScheduleStep.Later;
            DateTime? startedAt = i == at ? flag.PhaseStartedAt : null;
            DateTime? earliest = null;
            if (i > at && at >= 0 && expected is { } previousStart)
            {
                // A phase begins once the one before has run its course; an open-ended phase ends the projection.
                var before = plan.Phases[i - 1].PlannedDuration;
                earliest = before is { } d ? Later(previousStart + d, now) : null;
                expected = earliest;
            }
            steps.Add(new ScheduleStep(phase.Name, phase.Enabled, phase.RolloutPercentage,
                [.. phase.AllowedTiers.Select(t => t.ToName())], state,
                phase.PlannedDuration is { } planned ? (long)planned.TotalSeconds : null,
                startedAt, earliest, scheduled && i > at && i <= until, [.. phase.Segments]));
        }

        return new ScheduleResponse(flag.Name, flag.Phase, scheduled, flag.AutoAdvanceUntil, guard.Value.Enabled,
            guard.Value.IntervalSeconds, steps, waitingFor);
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;
}

/// One phase on the timeline. state: done | current | next | later; startedAt only for the current phase;
/// earliestAt, when the phase can begin at the soonest (the planned durations before it, from the current phase's
/// start; null when an open-ended phase comes first); scheduled, whether the schedule will take this step itself;
/// segments, the segments the phase targets (PUT …/phases/{phase}/segments sets them).
public sealed record ScheduleStep(string Phase, bool Enabled, int RolloutPercentage, IReadOnlyList<string> AllowedTiers,
    string State, long? PlannedDurationSeconds, DateTime? StartedAt, DateTime? EarliestAt, bool Scheduled,
    IReadOnlyList<string> Segments)
{
    public const string Done = "done", Current = "current", Next = "next", Later = "later";
}

/// A flag's rollout timeline. scheduled: whether it advances by itself (up to `until`); waitingFor: what the next
/// step still waits for (empty when the guard's next check takes it); checkIntervalSeconds: how often it looks.
public sealed record ScheduleResponse(string Name, string? Phase, bool Scheduled, string? Until, bool GuardEnabled,
    int CheckIntervalSeconds, IReadOnlyList<ScheduleStep> Steps, IReadOnlyList<string> WaitingFor);

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Unbuilt.Data;
using Unbuilt.Flags;

namespace Unbuilt.Rollout;

/// Moving a flag to the next phase of its plan, for `advance` (a person, possibly with force) and for a scheduled
/// rollout (never forced): the current phase must have run its planned duration with its health gate holding.
public sealed class PhaseAdvance(
    FlagChanges changes, UnbuiltDbContext db, IRolloutHealth health, IOptions<RolloutOptions> rollout, TimeProvider clock)
{
    public Task<AdvanceOutcome> AdvanceAsync(string name, bool force, FlagActor actor, string? reason, CancellationToken ct) =>
        AdvanceAsync(name, force, scheduled: false, actor, reason, ct);

    /// The step a schedule takes by itself when the current phase has earned it: never forced, and only while the
    /// flag is scheduled to go further than the phase it is in.
    public Task<AdvanceOutcome> StepScheduledAsync(string name, CancellationToken ct) =>
        AdvanceAsync(name, force: false, scheduled: true, FlagActor.Schedule, "scheduled", ct);

    private async Task<AdvanceOutcome> AdvanceAsync(string name, bool force, bool scheduled, FlagActor actor, string? reason,
        CancellationToken ct)
    {
        // Measured before the flag's row is held: reading writes the queued telemetry first, which on SQLite would
        // wait for the write slot the edit holds.
        var now = clock.GetUtcNow().UtcDateTime;
        var started = await db.FeatureFlags.AsNoTracking().Where(f => f.Name == name).Select(f => f.PhaseStartedAt).FirstOrDefaultAsync(ct);
        var measured = await health.ReadAsync(name, started ?? now, ct);

        await using var edit = await changes.BeginAsync(name, ct);
        if (edit is null) return new AdvanceOutcome.NotFound();
        if (edit.CurrentPhase is not { } current) return new AdvanceOutcome.NoPhase(edit.Flag.Phase);
        if (edit.Plan.Next(current) is not { } next) return new AdvanceOutcome.LastPhase(current.Name);
        if (edit.Flag.PhaseStartedAt != started) return new AdvanceOutcome.Changed();
        if (scheduled && (edit.Flag.AutoAdvanceUntil is not { } target || edit.Plan.Find(target) is not { } last
                || edit.Plan.Phases.IndexOf(last) <= edit.Plan.Phases.IndexOf(current)))
            return new AdvanceOutcome.NotScheduled();

        var check = AdvanceCheck.For(current, GateVerdict.For(current, measured, rollout.Value.MinSamples), now - (started ?? now));
        if (!check.IsClear && !force) return new AdvanceOutcome.Refused(check);

        edit.Deploy(next);
        if (edit.Flag.AutoAdvanceUntil is { } until && string.Equals(until, next.Name, StringComparison.OrdinalIgnoreCase))
            edit.Schedule(null); // the schedule has done what it was set for
        var how = check.IsClear ? $"health {check.Verdict.Health}" : $"forced past {string.Join("; ", check.Obstacles)}";
        var what = $"advance {current.Name} → {next.Name}, {how}";
        await edit.CommitAsync("advance", actor, RolloutApi.Join(what, reason), ct);
        return new AdvanceOutcome.Advanced(edit.AsResponse(), current.Name, next.Name);
    }
}

/// What an advance came to.
public abstract record AdvanceOutcome
{
    public sealed record Advanced(FlagResponse Flag, string From, string To) : AdvanceOutcome;

    /// The current phase has not earned the next yet: its health gate or its planned duration holds it back.
    public sealed record Refused(AdvanceCheck Check) : AdvanceOutcome;

    public sealed record NotFound : AdvanceOutcome;

    /// The flag is in no phase of its plan (custom settings, or rolled back).
    public sealed record NoPhase(string? Phase) : AdvanceOutcome;

    public sealed record LastPhase(string Phase) : AdvanceOutcome;

    /// The flag changed phase between reading its health and holding its row.
    public sealed record Changed : AdvanceOutcome;

    /// A scheduled step found the flag no longer scheduled past the phase it is in.
    public sealed record NotScheduled : AdvanceOutcome;
}

using Microsoft.EntityFrameworkCore.Storage;
using Unbuilt.Audit;
using Unbuilt.Data;
using Unbuilt.Data.Flags;
using Unbuilt.FlagEngine;
using Unbuilt.Monitoring;

namespace Unbuilt.Flags;

/// One change to one flag, inside a transaction that holds the flag's row: make the edits, then CommitAsync writes
/// the flag, its user entries, `allowed_user_ids`, the phase, a feature_flag_changes row and an audit row together,
/// and propagates. Disposing without committing changes nothing.
public sealed class FlagEdit : IAsyncDisposable
{
    private readonly UnbuiltDbContext db;
    private readonly IDbContextTransaction transaction;
    private readonly AuditLog audit;
    private readonly FlagPropagation propagation;
    private readonly TimeProvider clock;
    private readonly List<UserFeatureFlag> entries;
    private readonly string? before;
    private readonly bool wasEnabled;
    private readonly int wasPercentage;
    private readonly int wasTierCount;
    private string? decidedPhase;
    private bool finished;
    private bool deleting;
    private readonly int readyToRemoveAfterDays;
    private (int Id, string Words)? target;

    internal FlagEdit(UnbuiltDbContext db, IDbContextTransaction transaction, AuditLog audit, FlagPropagation propagation,
        TimeProvider clock, FeatureFlag flag, List<UserFeatureFlag> entries, bool isNew, int readyToRemoveAfterDays)
    {
        this.readyToRemoveAfterDays = readyToRemoveAfterDays;
        (this.db, this.transaction, this.audit, this.propagation, this.clock) = (db, transaction, audit, propagation, clock);
        (Flag, this.entries, IsNew) = (flag, entries, isNew);
        before = isNew ? null : FlagRecord.Of(flag, entries).ToJson();
        (wasEnabled, wasPercentage, wasTierCount) = (flag.Enabled, flag.RolloutPercentage, flag.AllowedTiers.Count);
        Plan = FlagPhases.PlanOf(flag);
    }

    /// Where the committed change is announced (webhooks); FlagChanges sets it.
    internal IOperatorEvents? Events { get; init; }

    public FeatureFlag Flag { get; }
    public bool IsNew { get; }
    public RolloutPlan Plan { get; private set; }
    public RolloutPhase? CurrentPhase => FlagPhases.CurrentPhase(Flag, Plan);
    public Readiness Readiness => new(clock.StoredNow(), readyToRemoveAfterDays);
    public IEnumerable<int> BlockedUserIds => entries.Where(e => !e.Enabled).Select(e => e.UserId).Order();

    public void SetPlan(RolloutPlan? plan)
    {
        Flag.RolloutPlan = plan is null ? null : FlagPhases.Serialize(plan);
        Plan = plan ?? RolloutPlan.Default;
    }

    /// Archives the flag: from the commit on it evaluates as not found everywhere and leaves the flag list.
    public void Archive() => Flag.ArchivedAt ??= clock.StoredNow();

    public void Restore() => Flag.ArchivedAt = null;

    /// Deletes the flag, its user entries with it; the history keeps its rows (by name) and this change's.
    public void Delete() => deleting = true;

    /// The user the change is about, as history names them (add, block and remove a user).
    public void About(int userId, string words) => target = (userId, words);

    public void SetTiers(IEnumerable<UserTier> tiers) => Flag.AllowedTiers = [.. tiers.Distinct().Order().Select(t => t.ToName())];

    public void SetSegments(IEnumerable<string> names) => Flag.Segments = [.. names.Distinct().Order(StringComparer.Ordinal)];

    /// A phase's switch, percentage, tiers and segments (a phase defines the targeting); the beta users stay.
    public void Deploy(RolloutPhase phase)
    {
        Flag.Enabled = phase.Enabled;
        Flag.RolloutPercentage = phase.RolloutPercentage;
        SetTiers(phase.AllowedTiers);
        SetSegments(phase.Segments);
        decidedPhase = phase.Name;
    }

    /// Advances by itself up to this phase (null: every step by hand). The caller checks that it is a later phase.
    public void Schedule(string? until) => Flag.AutoAdvanceUntil = until;

    /// Switches the flag off and keeps the rest, so `enabled: true` (or a redeploy) restores the rollout. A rollback
    /// also ends a schedule: the rollout goes on only when someone decides it should.
    public void Rollback()
    {
        Flag.Enabled = false;
        Flag.AutoAdvanceUntil = null;
        decidedPhase = FlagPhases.Rollback;
    }

    /// An explicit entry: enabled (a beta user) or not (blocked). Other users' entries are never touched.
    public void SetUser(int userId, bool enabled)
    {
        var now = clock.StoredNow();
        var entry = entries.Find(e => e.UserId == userId);
        if (entry is null)
        {
            entry = new UserFeatureFlag { UserId = userId, FeatureFlagId = Flag.Id, Enabled = enabled, EnabledAt = now };
            entries.Add(entry);
            db.UserFeatureFlags.Add(entry);
        }
        else if (entry.Enabled == enabled) return;
        entry.Enabled = enabled;
        if (enabled) (entry.EnabledAt, entry.DisabledAt) = (now, null);
        else entry.DisabledAt = now;
    }

    /// Removes the user's explicit entry, whatever it is; false when there was none.
    public bool RemoveUser(int userId)
    {
        var entry = entries.Find(e => e.UserId == userId);
        if (entry is null) return false;
        entries.Remove(entry);
        db.UserFeatureFlags.Remove(entry);
        return true;
    }

    /// Makes these users the beta list: the others lose their beta entry; blocked users not listed stay blocked.
    public void ReplaceBetaUsers(IReadOnlyCollection<int> userIds)
    {
        foreach (var entry in entries.Where(e => e.Enabled && !userIds.Contains(e.UserId)).ToList()) RemoveUser(entry.UserId);
        foreach (var userId in userIds) SetUser(userId, enabled: true);
    }

    /// Writes everything in one commit and propagates it. A change that changes nothing writes nothing.
    public async Task<FeatureFlag> CommitAsync(string action, FlagActor actor, string? reason, CancellationToken ct)
    {
        var now = clock.StoredNow();
        Flag.AllowedUserIds = [.. entries.Where(e => e.Enabled).Select(e => e.UserId).Order()];
        SettlePhase(now);
        SettleSteadiness(now);
        var after = deleting ? "null" : FlagRecord.Of(Flag, entries).ToJson();
        finished = true;
        if (after == before)
        {
            await transaction.RollbackAsync(ct);
            return Flag;
        }
        Flag.UpdatedAt = now;
        db.FeatureFlagChanges.Add(new FeatureFlagChange
        {
            FeatureFlagId = deleting ? null : Flag.Id, FlagName = Flag.Name, Action = action, ActorUserId = actor.UserId,
            Actor = actor.Name, Reason = reason, Before = before, After = after, CreatedAt = now,
            TargetUserId = target?.Id, Target = target?.Words,
        });
        if (deleting) db.FeatureFlags.Remove(Flag);
        audit.Record($"feature_flag.{action}", AuditSeverity.Info, true, actor.UserId, "feature_flag", Flag.Name,
            new { actor = actor.Name, reason, user = target?.Words });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Events?.Publish(OperatorEvent.FlagChanged(Flag.Name, action, actor.Name, reason, before, after, clock.GetUtcNow()));
        await propagation.AfterCommitAsync(Flag.Name);
        return Flag;
    }

    private void SettlePhase(DateTime now)
    {
        var phase = decidedPhase ?? PhaseFromState();
        if (phase == Flag.Phase && Flag.PhaseStartedAt is not null) return;
        Flag.Phase = phase;
        Flag.PhaseStartedAt = now;
    }

    // Ready to remove counts from when the flag settled at 100 % for all tiers, or off; a move between the two, or
    // away from both, starts again.
    private void SettleSteadiness(DateTime now)
    {
        var steady = SteadyKind(Flag.Enabled, Flag.RolloutPercentage, Flag.AllowedTiers.Count);
        if (steady is null) Flag.SteadySince = null;
        else if (IsNew || Flag.SteadySince is null || steady != SteadyKind(wasEnabled, wasPercentage, wasTierCount))
            Flag.SteadySince = now;
    }

    private static string? SteadyKind(bool enabled, int percentage, int tierCount) =>
        !enabled ? "off" : percentage == 100 && tierCount == 0 ? "full" : null;

    // Switching a live flag off is a rollback whatever route did it; otherwise the state names the phase.
    private string PhaseFromState()
    {
        if (!Flag.Enabled && (wasEnabled || Flag.Phase == FlagPhases.Rollback) && !IsNew) return FlagPhases.Rollback;
        return Plan.PhaseOf(Flag.Enabled, Flag.RolloutPercentage, StoredFlags.Tiers(Flag), Flag.Segments)?.Name ?? FlagPhases.Custom;
    }

    public async ValueTask DisposeAsync()
    {
        if (!finished) db.ChangeTracker.Clear();
        await transaction.DisposeAsync();
    }
}

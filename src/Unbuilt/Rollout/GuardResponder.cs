using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Audit;
using Unbuilt.Data;
using Unbuilt.Data.Flags;
using Unbuilt.Flags;
using Unbuilt.Monitoring;

namespace Unbuilt.Rollout;

/// What the rollout guard does about a breach, by the flag's policy: `alert` writes a history entry, `step-down`
/// deploys the previous phase, `rollback` switches the flag off. Every one is written with actor `guard`, a reason
/// naming the thresholds broken and the values measured, and an audit warning; then the admins are told.
public sealed partial class GuardResponder(
    FlagChanges changes, UnbuiltDbContext db, AuditLog audit, IAdminNotifier notifier, IOperatorEvents events,
    TimeProvider clock, ILogger<GuardResponder> logger)
{
    public const string AuditAction = ErrorLog.GuardBreachAction;
    private const int MaxReason = FlagRules.MaxReason;
    private const string Noted = "breaks its thresholds (policy alert: left as it is)";

    public async Task RespondAsync(GuardBreach breach, CancellationToken ct)
    {
        var breaches = breach.Health.Breaches.Select(b => b.Message).ToList();
        var (action, outcome) = breach.Policy switch
        {
            GuardPolicies.Rollback or GuardPolicies.StepDown => await ChangeAsync(breach, breaches, ct),
            _ => await NoteAsync(breach, breaches, ct),
        };
        if (action is null) return;
        var message = $"Rollout guard: {breach.Flag} {outcome}: {string.Join("; ", breaches)}";
        LogActed(logger, breach.Flag, outcome, string.Join("; ", breaches));
        events.Publish(OperatorEvent.GuardActed(breach.Flag, action, message, breaches, clock.GetUtcNow()));
        await notifier.NotifyAsync(new AdminNotice($"guard.{action}", breach.Flag, message, breaches, clock.GetUtcNow()), ct);
    }

    /// Steps down or rolls back, unless the flag changed since it was measured (an admin, or another node's guard).
    private async Task<(string?, string)> ChangeAsync(GuardBreach breach, List<string> breaches, CancellationToken ct)
    {
        await using var edit = await changes.BeginAsync(breach.Flag, ct);
        if (edit is null || !edit.Flag.Enabled || edit.Flag.Phase != breach.Phase || edit.Flag.PhaseStartedAt != breach.PhaseStartedAt)
            return (null, "");
        var previous = breach.Policy == GuardPolicies.StepDown && edit.CurrentPhase is { } current ? edit.Plan.Previous(current) : null;
        string action, outcome;
        if (previous is not null)
        {
            edit.Deploy(previous);
            edit.Schedule(null); // stepping up again is a person's decision
            (action, outcome) = ("step_down", $"stepped down to {previous.Name}");
        }
        else
        {
            edit.Rollback();
            (action, outcome) = ("rollback", breach.Policy == GuardPolicies.StepDown
                ? "rolled back (no earlier phase to step down to)" : "rolled back");
        }
        RecordAudit(breach, breaches);
        await edit.CommitAsync(action, FlagActor.Guard, Reason(breach, outcome, breaches), ct);
        return (action, outcome);
    }

    /// Policy alert: the flag stays as it is; its history and the audit log say what broke.
    private async Task<(string?, string)> NoteAsync(GuardBreach breach, List<string> breaches, CancellationToken ct)
    {
        var flag = await db.FeatureFlags.AsNoTracking().FirstOrDefaultAsync(f => f.Name == breach.Flag, ct);
        if (flag is null) return (null, "");
        var entries = await db.UserFeatureFlags.AsNoTracking().Where(e => e.FeatureFlagId == flag.Id).ToListAsync(ct);
        var state = FlagRecord.Of(flag, entries).ToJson();
        db.FeatureFlagChanges.Add(new FeatureFlagChange
        {
            FeatureFlagId = flag.Id, FlagName = flag.Name, Action = "alert", Actor = FlagActor.Guard.Name,
            Reason = Reason(breach, Noted, breaches), Before = state, After = state,
            CreatedAt = clock.StoredNow(),
        });
        RecordAudit(breach, breaches);
        await db.SaveChangesAsync(ct);
        return ("alert", Noted);
    }

    private void RecordAudit(GuardBreach breach, List<string> breaches) =>
        audit.Record(AuditAction, AuditSeverity.Warning, false, null, "feature_flag", breach.Flag,
            new { policy = breach.Policy, phase = breach.Phase, breach.Since, breaches, requests = breach.Health.Requests });

    private static string Reason(GuardBreach breach, string outcome, List<string> breaches)
    {
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"{outcome}: {string.Join("; ", breaches)} — {breach.Health.Requests} requests since {breach.Since:yyyy-MM-dd HH:mm:ss} UTC in phase {breach.Phase ?? "custom"}");
        return reason.Length <= MaxReason ? reason : reason[..(MaxReason - 1)] + "…";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout guard: {Flag} {Outcome}: {Breaches}")]
    private static partial void LogActed(ILogger logger, string flag, string outcome, string breaches);
}

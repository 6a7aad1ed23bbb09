namespace Unbuilt.Monitoring;

/// Tells the admins something now (the guard acted, an alert started): monitoring logs it; the realtime feature
/// registers an implementation that also pushes it to admins' open pages.
public interface IAdminNotifier
{
    Task NotifyAsync(AdminNotice notice, CancellationToken ct);
}

/// <param name="Kind">What happened: alert.started, alert.ended, guard.alert, guard.step_down, guard.rollback.</param>
/// <param name="Flag">The flag concerned, if any.</param>
/// <param name="Message">One line for people, e.g. "guard rolled back action_plan_customization: error rate 12% > 1%".</param>
/// <param name="Details">The breaches or alerts behind it, one line each.</param>
public sealed record AdminNotice(string Kind, string? Flag, string Message, IReadOnlyList<string> Details, DateTimeOffset At);

public sealed partial class LogAdminNotifier(ILogger<LogAdminNotifier> logger) : IAdminNotifier
{
    public Task NotifyAsync(AdminNotice notice, CancellationToken ct)
    {
        LogNotice(logger, notice.Kind, notice.Message);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin notice {Kind}: {Message}")]
    private static partial void LogNotice(ILogger logger, string kind, string message);
}

/// Tells people outside the app (webhooks: a receiver, Slack, PagerDuty) what operators care about: a flag change, an
/// action of the rollout guard, an alert that started or ended. Called only after the thing happened (committed);
/// Publish never waits for the network: it enqueues and returns, so a dead receiver slows no request and no guard.
public interface IOperatorEvents
{
    void Publish(OperatorEvent operatorEvent);
}

/// <param name="Type">flag.changed, guard.acted, alert.raised, alert.resolved (OperatorEventTypes).</param>
/// <param name="Summary">One line for people.</param>
/// <param name="Severity">critical, error, warning or info (PagerDuty's words).</param>
/// <param name="Key">What the event is about, stable across its raise and its resolve (e.g. alert:error_rate:task_updated).</param>
/// <param name="Data">The facts, by name, for machines (flag, action, actor, reason…).</param>
public sealed record OperatorEvent(string Type, string Summary, string Severity, string? Flag, string Key,
    IReadOnlyList<string> Details, IReadOnlyDictionary<string, object?> Data, DateTimeOffset At)
{
    public static OperatorEvent AlertRaised(Alert alert, DateTimeOffset at) =>
        new(OperatorEventTypes.AlertRaised, $"Alert: {alert.Message}", "error", null, AlertKey(alert), [alert.Message],
            AlertData(alert), at);

    public static OperatorEvent AlertResolved(Alert alert, DateTimeOffset at) =>
        new(OperatorEventTypes.AlertResolved, $"Alert over: {alert.Name} ({alert.Scope ?? "all"})", "info", null,
            AlertKey(alert), [alert.Message], AlertData(alert), at);

    /// The rollout guard acted on a flag: action is alert (left as it is), step_down or rollback.
    public static OperatorEvent GuardActed(string flag, string action, string summary, IReadOnlyList<string> breaches,
        DateTimeOffset at) =>
        new(OperatorEventTypes.GuardActed, summary, action switch { "rollback" => "critical", "step_down" => "error", _ => "warning" },
            flag, $"guard:{flag}:{action}:{at.ToUnixTimeMilliseconds()}", breaches,
            new Dictionary<string, object?> { ["flag"] = flag, ["action"] = action, ["breaches"] = breaches }, at);

    /// A committed flag change: what (action), who (actor), why (reason), and the flag's state before and after as JSON.
    public static OperatorEvent FlagChanged(string flag, string action, string actor, string? reason, string? before,
        string after, DateTimeOffset at) =>
        new(OperatorEventTypes.FlagChanged, $"{actor} changed {flag}: {action}{(reason is { Length: > 0 } ? $" ({reason})" : "")}",
            "info", flag, $"flag:{flag}", reason is { Length: > 0 } ? [reason] : [],
            new Dictionary<string, object?>
            {
                ["flag"] = flag, ["action"] = action, ["actor"] = actor, ["reason"] = reason,
                ["before"] = before is null ? null : System.Text.Json.JsonDocument.Parse(before).RootElement.Clone(),
                ["after"] = System.Text.Json.JsonDocument.Parse(after).RootElement.Clone(),
            }, at);

    private static string AlertKey(Alert alert) => $"alert:{alert.Name}:{alert.Scope ?? "all"}";

    private static Dictionary<string, object?> AlertData(Alert alert) => new()
    {
        ["name"] = alert.Name, ["scope"] = alert.Scope, ["value"] = alert.Value, ["threshold"] = alert.Threshold,
        ["unit"] = alert.Unit, ["message"] = alert.Message,
    };
}

public static class OperatorEventTypes
{
    public const string FlagChanged = "flag.changed";
    public const string GuardActed = "guard.acted";
    public const string AlertRaised = "alert.raised";
    public const string AlertResolved = "alert.resolved";

    public static readonly IReadOnlyList<string> All = [FlagChanged, GuardActed, AlertRaised, AlertResolved];
}

/// Until a feature that delivers them is registered (Webhooks/), operator events go nowhere.
public sealed class NoOperatorEvents : IOperatorEvents
{
    public void Publish(OperatorEvent operatorEvent) { }
}

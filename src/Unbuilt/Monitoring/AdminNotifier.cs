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

using Microsoft.Extensions.Options;

namespace Unbuilt.Monitoring;

/// Re-evaluates the alerts every Unbuilt:Alerts:IntervalSeconds and tells the admins when one starts or ends
/// (the endpoint shows them on demand; this is what makes them alerts).
public sealed partial class AlertWatcher(
    IServiceScopeFactory scopes, IAdminNotifier notifier, IOperatorEvents events, IOptions<AlertOptions> options,
    TimeProvider clock, ILogger<AlertWatcher> logger) : BackgroundService
{
    private Dictionary<string, Alert> firing = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.IntervalSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCheckFailed(logger, e);
            }
        }
    }

    private async Task CheckAsync(CancellationToken ct)
    {
        AlertsResponse report;
        await using (var scope = scopes.CreateAsyncScope())
            report = await scope.ServiceProvider.GetRequiredService<ActiveAlerts>().ReadAsync(ct);
        var now = report.Alerts.ToDictionary(Key, StringComparer.Ordinal);
        foreach (var (_, alert) in now.Where(a => !firing.ContainsKey(a.Key)))
        {
            events.Publish(OperatorEvent.AlertRaised(alert, clock.GetUtcNow()));
            await notifier.NotifyAsync(new AdminNotice("alert.started", null, $"Alert: {alert.Message}", [alert.Message],
                clock.GetUtcNow()), ct);
        }
        foreach (var (_, alert) in firing.Where(a => !now.ContainsKey(a.Key)))
        {
            events.Publish(OperatorEvent.AlertResolved(alert, clock.GetUtcNow()));
            await notifier.NotifyAsync(new AdminNotice("alert.ended", null, $"Alert over: {alert.Name} ({alert.Scope ?? "all"})",
                [alert.Message], clock.GetUtcNow()), ct);
        }
        firing = now;
    }

    private static string Key(Alert alert) => $"{alert.Name}:{alert.Scope}";

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluating alerts failed; trying again next interval")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}

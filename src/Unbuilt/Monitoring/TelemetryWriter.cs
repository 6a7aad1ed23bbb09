using Unbuilt.Data;
using Unbuilt.Data.Monitoring;

namespace Unbuilt.Monitoring;

/// Writes queued telemetry in batches; on graceful shutdown it drains the queue before the process exits.
public sealed partial class TelemetryWriter(
    TelemetryQueue queue, IServiceScopeFactory scopes, ILogger<TelemetryWriter> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private readonly SemaphoreSlim writing = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Reading ends when the queue is completed (StopAsync), not on the stopping token, so nothing queued is lost.
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            await DrainAsync(BatchSize);
            if (!stoppingToken.IsCancellationRequested && queue.Reader.Count < BatchSize)
                await Task.Delay(TimeSpan.FromMilliseconds(100), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        await base.StopAsync(cancellationToken);
    }

    /// Writes everything queued so far; tests and the metrics endpoint call it to read their own writes.
    public Task FlushAsync() => DrainAsync(int.MaxValue);

    private async Task DrainAsync(int limit)
    {
        await writing.WaitAsync();
        try
        {
            var batch = new List<object>();
            while (batch.Count < limit && queue.Reader.TryRead(out var row)) batch.Add(row);
            await WriteAsync(batch);
        }
        finally
        {
            writing.Release();
        }
    }

    private async Task WriteAsync(List<object> batch)
    {
        if (batch.Count == 0) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<UnbuiltDbContext>();
            db.AnalyticsEvents.AddRange(batch.OfType<AnalyticsEvent>());
            db.SecurityAuditLogs.AddRange(batch.OfType<SecurityAuditLog>());
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogWriteFailed(logger, e, batch.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {Count} telemetry rows")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);
}

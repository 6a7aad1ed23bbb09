using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Unbuilt.Data;
using Unbuilt.Data.Monitoring;

namespace Unbuilt.Monitoring;

/// Writes queued telemetry in batches; on graceful shutdown it drains the queue before the process exits. Every request
/// queues a row or two, so on PostgreSQL a batch goes in as one binary COPY per table, in one transaction: no statement
/// per row, and none of EF's tracking of rows nobody reads back (it was a tenth of a busy server's work per request).
/// SQLite, in process, keeps EF's insert.
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
            List<AnalyticsEvent> events = [.. batch.OfType<AnalyticsEvent>()];
            List<SecurityAuditLog> audits = [.. batch.OfType<SecurityAuditLog>()];
            if (db.Database.IsNpgsql())
            {
                await CopyAsync(db, events, audits);
                return;
            }
            db.AnalyticsEvents.AddRange(events);
            db.SecurityAuditLogs.AddRange(audits);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogWriteFailed(logger, e, batch.Count);
        }
    }

    /// Both tables' rows by COPY … FROM STDIN (FORMAT BINARY), committed together or not at all (as EF's batch was).
    private static async Task CopyAsync(UnbuiltDbContext db, List<AnalyticsEvent> events, List<SecurityAuditLog> audits)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await CopyRowsAsync(connection, events,
            "COPY analytics_events (event_type, user_id, response_time_ms, \"timestamp\", metadata, status_code) FROM STDIN (FORMAT BINARY)",
            async (copy, row) =>
            {
                await copy.WriteAsync(row.EventType, NpgsqlDbType.Varchar);
                await WriteAsync(copy, row.UserId, NpgsqlDbType.Integer);
                await WriteAsync(copy, row.ResponseTimeMs, NpgsqlDbType.Double);
                await copy.WriteAsync(row.Timestamp, NpgsqlDbType.TimestampTz);
                await WriteAsync(copy, row.Metadata, NpgsqlDbType.Jsonb);
                await WriteAsync(copy, row.StatusCode, NpgsqlDbType.Integer);
            });
        await CopyRowsAsync(connection, audits,
            "COPY security_audit_logs (\"timestamp\", user_id, action, resource, resource_id, severity, success, details, ip, request_id) FROM STDIN (FORMAT BINARY)",
            async (copy, row) =>
            {
                await copy.WriteAsync(row.Timestamp, NpgsqlDbType.TimestampTz);
                await WriteAsync(copy, row.UserId, NpgsqlDbType.Integer);
                await copy.WriteAsync(row.Action, NpgsqlDbType.Varchar);
                await WriteAsync(copy, row.Resource, NpgsqlDbType.Varchar);
                await WriteAsync(copy, row.ResourceId, NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.Severity, NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.Success, NpgsqlDbType.Boolean);
                await WriteAsync(copy, row.Details, NpgsqlDbType.Jsonb);
                await WriteAsync(copy, row.Ip, NpgsqlDbType.Varchar);
                await WriteAsync(copy, row.RequestId, NpgsqlDbType.Varchar);
            });
        await transaction.CommitAsync();
    }

    /// One table's rows by one binary COPY; nothing is sent for no rows.
    private static async Task CopyRowsAsync<TRow>(NpgsqlConnection connection, List<TRow> rows, string command,
        Func<NpgsqlBinaryImporter, TRow, Task> writeRow)
    {
        if (rows.Count == 0) return;
        await using var copy = await connection.BeginBinaryImportAsync(command);
        foreach (var row in rows)
        {
            await copy.StartRowAsync();
            await writeRow(copy, row);
        }
        await copy.CompleteAsync();
    }

    private static Task WriteAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type) where T : class =>
        value is null ? copy.WriteNullAsync() : copy.WriteAsync(value, type);

    private static Task WriteAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type) where T : struct =>
        value is { } some ? copy.WriteAsync(some, type) : copy.WriteNullAsync();

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {Count} telemetry rows")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);
}

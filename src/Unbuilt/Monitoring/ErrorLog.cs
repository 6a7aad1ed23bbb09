using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Data.Monitoring;

namespace Unbuilt.Monitoring;

/// The failed requests of security_audit_logs, newest first: server errors (severity error or critical) or, asked
/// for, client errors (4xx); for a feature, only those of its operations' audit actions. What `unbuilt logs errors
/// [--client] --feature NAME` lists.
public sealed class ErrorLog(UnbuiltDbContext db, NamedOperations operations, TelemetryWriter writer)
{
    public const string ServerKind = "server";
    public const string ClientKind = "client";

    /// The audit action of the rollout guard's breach warning (Rollout/GuardResponder writes it). Named here, below
    /// the guard, because the error log must leave it out of the client errors.
    public const string GuardBreachAction = "rollout_guard.breach";

    /// With a feature, <paramref name="actions"/> are its operations' audit actions: the caller knows which operations
    /// a flag gates, monitoring does not.
    public async Task<ErrorsResponse> ReadAsync(string? feature, IReadOnlyCollection<string>? actions, DateTime since,
        int limit, bool client, CancellationToken ct)
    {
        await writer.FlushAsync();
        var rows = db.SecurityAuditLogs.AsNoTracking().Where(l => l.Timestamp >= since);
        rows = client ? rows.Where(ClientError) : rows.Where(l => l.Severity == "error" || l.Severity == "critical");
        if (actions is not null) rows = rows.Where(l => actions.Contains(l.Action));
        var total = await rows.CountAsync(ct);
        var newest = await rows.OrderByDescending(l => l.Timestamp).ThenByDescending(l => l.Id).Take(limit).ToListAsync(ct);
        var operationOf = operations.ByAuditAction();
        return new ErrorsResponse(feature, client ? ClientKind : ServerKind, since, total, [.. newest.Select(row => Entry(row, operationOf))]);
    }

    /// A 4xx: severity warning (every 4xx of an operation, a refused login), or an unsuccessful info row (how rows
    /// written before outcomes followed the status recorded some 4xx). Matched on columns, not
    /// on the details' status: PostgreSQL keeps details as jsonb. The guard's warnings are breaches of a feature's
    /// health, not anything a client sent, so they stay out.
    private static readonly Expression<Func<SecurityAuditLog, bool>> ClientError = l =>
        (l.Severity == "warning" || (l.Severity == "info" && !l.Success)) && l.Action != GuardBreachAction;

    private static ErrorEntry Entry(SecurityAuditLog row, IReadOnlyDictionary<string, string> operationOf)
    {
        var (status, message) = Read(row.Details);
        return new ErrorEntry(row.Id, row.Timestamp, operationOf.GetValueOrDefault(row.Action, row.Action), row.Action,
            row.UserId, row.RequestId, status, message ?? (status is { } s ? $"HTTP {s}" : row.Severity), row.Resource);
    }

    /// The status and message the operation middleware put in details; other writers' details may be anything.
    private static (int? Status, string? Message) Read(string? details)
    {
        if (details is null) return (null, null);
        try
        {
            var json = JsonDocument.Parse(details).RootElement;
            if (json.ValueKind != JsonValueKind.Object) return (null, null);
            int? status = json.TryGetProperty("status", out var s) && s.TryGetInt32(out var code) ? code : null;
            var message = json.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()
                : json.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return (status, message);
        }
        catch (JsonException)
        {
            return (null, details.Length > 200 ? details[..200] : details);
        }
    }
}

/// kind is "server" (5xx) or "client" (4xx); total counts every matching row since `since`; errors holds the newest
/// `limit` of them.
public sealed record ErrorsResponse(string? Feature, string Kind, DateTime Since, int Total, IReadOnlyList<ErrorEntry> Errors);

/// One failed request (or refused one, for the client kind): when, which operation (event type) and audit action, who, its request id, status and why.
public sealed record ErrorEntry(long Id, DateTime Time, string Operation, string Action, int? UserId, string? RequestId,
    int? Status, string Message, string? Resource);

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Data.Monitoring;

namespace Unbuilt.Monitoring;

/// The error rows of security_audit_logs (severity error or critical), newest first; for a feature, only those of
/// its operations' audit actions. What `unbuilt logs errors --feature NAME` lists.
public sealed class ErrorLog(UnbuiltDbContext db, FeatureOperations operations, TelemetryWriter writer)
{
    public async Task<ErrorsResponse> ReadAsync(string? feature, DateTime since, int limit, CancellationToken ct)
    {
        await writer.FlushAsync();
        var rows = db.SecurityAuditLogs.AsNoTracking()
            .Where(l => l.Timestamp >= since && (l.Severity == "error" || l.Severity == "critical"));
        if (feature is not null)
        {
            var actions = operations.For(feature).Select(o => o.AuditAction).OfType<string>().Distinct().ToList();
            rows = rows.Where(l => actions.Contains(l.Action));
        }
        var total = await rows.CountAsync(ct);
        var newest = await rows.OrderByDescending(l => l.Timestamp).ThenByDescending(l => l.Id).Take(limit).ToListAsync(ct);
        var operationOf = operations.OperationByAuditAction();
        return new ErrorsResponse(feature, since, total, [.. newest.Select(row => Entry(row, operationOf))]);
    }

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

/// total counts every matching row since `since`; errors holds the newest `limit` of them.
public sealed record ErrorsResponse(string? Feature, DateTime Since, int Total, IReadOnlyList<ErrorEntry> Errors);

/// One failed request: when, which operation (event type) and audit action, who, its request id, status and why.
public sealed record ErrorEntry(long Id, DateTime Time, string Operation, string Action, int? UserId, string? RequestId,
    int? Status, string Message, string? Resource);

using System.Text.Json;
using Unbuilt.Data;
using Unbuilt.Data.Monitoring;

namespace Unbuilt.Audit;

public enum AuditSeverity { Info, Warning, Error, Critical }

/// Adds security_audit_logs rows to the current unit of work, so an audited change and its audit row commit together.
public sealed class AuditLog(UnbuiltDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public void Record(string action, AuditSeverity severity, bool success, int? userId,
        string? resource = null, string? resourceId = null, object? details = null)
    {
        var context = http.HttpContext;
        db.SecurityAuditLogs.Add(new SecurityAuditLog
        {
            Timestamp = clock.GetUtcNow().UtcDateTime,
            Action = action,
            Severity = severity.ToString().ToLowerInvariant(),
            Success = success,
            UserId = userId,
            Resource = resource,
            ResourceId = resourceId,
            Details = details is null ? null : JsonSerializer.Serialize(details),
            Ip = context?.Connection.RemoteIpAddress?.ToString(),
            RequestId = context?.TraceIdentifier,
        });
    }

    /// Records and commits at once: for events with no other change to ride along (a failed login).
    public async Task RecordNowAsync(string action, AuditSeverity severity, bool success, int? userId,
        object? details, CancellationToken ct)
    {
        Record(action, severity, success, userId, details: details);
        await db.SaveChangesAsync(ct);
    }
}

public static class AuditLogSetup
{
    public static IHostApplicationBuilder AddAuditLog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditLog>();
        return builder;
    }
}

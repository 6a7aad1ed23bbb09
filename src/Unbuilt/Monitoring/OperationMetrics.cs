using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using Unbuilt.Data.Monitoring;

namespace Unbuilt.Monitoring;

/// Marks an endpoint as a named operation (DESIGN.md §9): its response time goes to analytics_events, and, for a
/// gated feature, one security_audit_logs row per call with severity by outcome.
public sealed record OperationMetadata(string EventType, string? AuditAction);

public static class OperationMetrics
{
    public static TBuilder WithOperation<TBuilder>(this TBuilder builder, string eventType, string? auditAction = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OperationMetadata(eventType, auditAction));

    /// Place after routing and authentication, inside the exception handler, so the status it reads is final.
    public static IApplicationBuilder UseOperationMetrics(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var operation = context.GetEndpoint()?.Metadata.GetMetadata<OperationMetadata>();
        if (operation is null)
        {
            await next(context);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            Record(context, operation, status, Stopwatch.GetElapsedTime(started));
        }
    });

    private static void Record(HttpContext context, OperationMetadata operation, int status, TimeSpan elapsed)
    {
        var queue = context.RequestServices.GetRequiredService<TelemetryQueue>();
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var userId = int.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (int?)null;
        var metadata = JsonSerializer.Serialize(new { status, method = context.Request.Method, requestId = context.TraceIdentifier });
        queue.Enqueue(new AnalyticsEvent
        {
            EventType = operation.EventType,
            UserId = userId,
            ResponseTimeMs = elapsed.TotalMilliseconds,
            Timestamp = now,
            Metadata = metadata,
        });
        if (operation.AuditAction is null) return;
        queue.Enqueue(new SecurityAuditLog
        {
            Timestamp = now,
            UserId = userId,
            Action = operation.AuditAction,
            Severity = status >= 500 ? "error" : status is 401 or 403 or 404 ? "warning" : "info",
            Success = status < 400,
            Resource = context.Request.Path.Value,
            Details = metadata,
            Ip = context.Connection.RemoteIpAddress?.ToString(),
            RequestId = context.TraceIdentifier,
        });
    }
}

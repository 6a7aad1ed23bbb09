using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using Unbuilt.Data.Monitoring;

namespace Unbuilt.Monitoring;

/// Marks an endpoint as a named operation (DESIGN.md §9): its response time and status go to analytics_events,
/// and, for a gated feature, one security_audit_logs row per call with severity by outcome.
public sealed record OperationMetadata(string EventType, string? AuditAction);

public static class OperationMetrics
{
    /// Code that answers a 5xx itself (the chaos drill) may say why here; the audit row's details carry it.
    public const string ErrorMessageItem = "unbuilt.operation.error";

    private const int ClientClosedRequest = 499;
    private const int MaxResource = 100; // security_audit_logs.resource is varchar(100)
    private const int MaxMessage = 500;

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
        string? failure = null;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            status = ClientClosedRequest; // the client left: not the server's failure
            throw;
        }
        catch (Exception e)
        {
            failure = $"{e.GetType().Name}: {e.Message}";
            throw;
        }
        finally
        {
            Record(context, operation, status, failure, Stopwatch.GetElapsedTime(started));
        }
    });

    private static void Record(HttpContext context, OperationMetadata operation, int status, string? failure, TimeSpan elapsed)
    {
        var services = context.RequestServices;
        services.GetRequiredService<UnbuiltMetrics>().RecordOperation(operation.EventType, status, elapsed);
        var queue = services.GetRequiredService<TelemetryQueue>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var userId = int.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (int?)null;
        var error = status >= 500 ? Truncate(failure ?? context.Items[ErrorMessageItem] as string ?? $"HTTP {status}", MaxMessage) : null;
        var metadata = JsonSerializer.Serialize(new { status, method = context.Request.Method, requestId = context.TraceIdentifier, error });
        queue.Enqueue(new AnalyticsEvent
        {
            EventType = operation.EventType,
            UserId = userId,
            ResponseTimeMs = elapsed.TotalMilliseconds,
            StatusCode = status,
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
            Resource = Truncate(context.Request.Path.Value, MaxResource),
            Details = metadata,
            Ip = context.Connection.RemoteIpAddress?.ToString(),
            RequestId = context.TraceIdentifier,
        });
    }

    private static string? Truncate(string? text, int max) => text is { Length: > 0 } && text.Length > max ? text[..max] : text;
}

using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using Unbuilt.Api;
using Unbuilt.Data.Monitoring;

namespace Unbuilt.Monitoring;

/// Marks an endpoint as a named operation: its response time and status go to analytics_events, and, for a gated
/// feature, one security_audit_logs row per call with severity by outcome.
public sealed record OperationMetadata(string EventType, string? AuditAction);

/// How a request ended, from the status the client received: the only input to error rates, alerts, health gates
/// and the guard. Client errors (4xx) are the caller's mistakes and never count as the server failing.
public enum Outcome { Success, ClientError, ServerError }

public static class OperationMetrics
{
    private const int ClientClosedRequest = 499;
    private const int MaxResource = 100; // security_audit_logs.resource is varchar(100)
    private const int MaxMessage = 500;

    public static TBuilder WithOperation<TBuilder>(this TBuilder builder, string eventType, string? auditAction = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OperationMetadata(eventType, auditAction));

    public static Outcome OutcomeOf(int status) =>
        status >= 500 ? Outcome.ServerError : status >= 400 ? Outcome.ClientError : Outcome.Success;

    /// The outermost middleware (before the exception handler): whatever ends the request, a binding error, a
    /// filter, a handler or an exception turned into problem details, it records the status the client received.
    /// Routing has already run, so the endpoint is known here; the exception handler clears it later.
    public static IApplicationBuilder UseOperationOutcomes(this IApplicationBuilder app) => app.Use(async (context, next) =>
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
        catch (Exception e)
        {
            // Only reached when the exception handler could not answer (the response had started).
            status = context.RequestAborted.IsCancellationRequested ? ClientClosedRequest : StatusCodes.Status500InternalServerError;
            context.Items[ApiExceptionHandler.ErrorMessageItem] ??= $"{e.GetType().Name}: {e.Message}";
            throw;
        }
        finally
        {
            Record(context, operation, status, Stopwatch.GetElapsedTime(started));
        }
    });

    private static void Record(HttpContext context, OperationMetadata operation, int status, TimeSpan elapsed)
    {
        var services = context.RequestServices;
        services.GetRequiredService<UnbuiltMetrics>().RecordOperation(operation.EventType, status, elapsed);
        var queue = services.GetRequiredService<TelemetryQueue>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var userId = int.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (int?)null;
        var outcome = OutcomeOf(status);
        var error = outcome == Outcome.ServerError
            ? Truncate(context.Items[ApiExceptionHandler.ErrorMessageItem] as string ?? $"HTTP {status}", MaxMessage) : null;
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
            Severity = outcome switch { Outcome.ServerError => "error", Outcome.ClientError => "warning", _ => "info" },
            Success = outcome == Outcome.Success,
            // A path may carry anything a client typed: stored text must be safe for every database.
            Resource = Truncate(ControlCharacters.Replace(context.Request.Path.Value), MaxResource),
            Details = metadata,
            Ip = context.Connection.RemoteIpAddress?.ToString(),
            RequestId = context.TraceIdentifier,
        });
    }

    private static string? Truncate(string? text, int max) => text is { Length: > 0 } && text.Length > max ? text[..max] : text;
}

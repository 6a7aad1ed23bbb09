using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Unbuilt.Api;

/// Turns exceptions into problem details: the client's mistakes into 4xx with a clear detail, the rest into a 500
/// without internals (outside Development).
public sealed partial class ApiExceptionHandler(
    IProblemDetailsService problems, IHostEnvironment environment, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad when bad.InnerException is JsonException json =>
                (bad.StatusCode, "The request body is not valid JSON for this operation", JsonDetail(json)),
            BadHttpRequestException bad => (bad.StatusCode, TitleFor(bad.StatusCode), bad.Message),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested =>
                (499, "Client closed the request", null),
            _ => (StatusCodes.Status500InternalServerError, "Something went wrong on our side",
                environment.IsDevelopment() ? exception.ToString() : "The error was logged; try again, and if it persists tell us the request id."),
        };
        if (status >= 500) LogUnhandled(logger, exception, context.Request.Method, context.Request.Path);
        if (context.Response.HasStarted) return true;
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private static string JsonDetail(JsonException json) =>
        json.Path is { Length: > 0 } path ? $"{json.Message.Split(" Path:")[0]} (at {path})" : json.Message;

    private static string TitleFor(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "The request body is too large",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json",
        _ => "The request is not valid",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}

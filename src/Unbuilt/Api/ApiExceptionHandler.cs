using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Npgsql;
using Unbuilt.Data;

namespace Unbuilt.Api;

/// Turns exceptions into problem details: the client's mistakes into 4xx with a clear detail; a database that is out of
/// connections, restarting or busy past its timeout into 503 with Retry-After (the request changed nothing and may be
/// sent again); the rest into a 500 without internals (outside Development).
public sealed partial class ApiExceptionHandler(
    IProblemDetailsService problems, IHostEnvironment environment, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// Code that answers a 5xx itself (this handler, the chaos drill) says why under this key of HttpContext.Items;
    /// the operation's audit row keeps it. Declared here, where requests end, so monitoring reads it without the
    /// HTTP conventions knowing about monitoring.
    public const string ErrorMessageItem = "unbuilt.operation.error";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, title, detail, field) = exception switch
        {
            BadHttpRequestException bad => BindingErrors.Describe(bad),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested =>
                new ErrorAnswer(499, "Client closed the request", "", null),
            _ when IsDatabaseUnavailable(exception) => new(StatusCodes.Status503ServiceUnavailable, "The database is busy",
                "The database could not take this request just now (out of connections, restarting or locked); nothing was changed. Try again in a moment.", null),
            _ => new(StatusCodes.Status500InternalServerError, "Something went wrong on our side",
                environment.IsDevelopment() ? exception.ToString() : "The error was logged; try again, and if it persists tell us the request id.", null),
        };
        if (status >= 500) context.Items[ErrorMessageItem] = $"{exception.GetType().Name}: {exception.Message}";
        if (status == StatusCodes.Status503ServiceUnavailable) LogDatabaseUnavailable(logger, exception, context.Request.Method, context.Request.Path);
        else if (status >= 500) LogUnhandled(logger, exception, context.Request.Method, context.Request.Path);
        if (context.Response.HasStarted) return true;
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable) context.Response.Headers.RetryAfter = "1";
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (field is not null) problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception, ProblemDetails = problem });
    }

    /// A transient PostgreSQL failure (EF wraps it, so the whole chain is searched), or SQLite still busy or locked after
    /// its busy timeout, or our own SQLite writer slot still taken after it.
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true }) return true;
            if (e is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } or DatabaseBusyException) return true;
        }
        return false;
    }

    private const int SqliteBusy = 5, SqliteLocked = 6;

    [LoggerMessage(Level = LogLevel.Error, Message = "The database could not take {Method} {Path} (answered 503): out of connections, restarting or locked")]
    private static partial void LogDatabaseUnavailable(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}

using Microsoft.AspNetCore.Http.HttpResults;

namespace Unbuilt.Api;

/// The problem answers the API gives most often, worded once.
public static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    /// Something that existed and is no longer usable (an expired or used invitation), as opposed to one never known.
    public static ProblemHttpResult Gone(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Gone", detail: detail);

    public static ProblemHttpResult Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail,
            extensions: extensions);

    /// A change that would take a plan, a task or a user past a configured limit: `limit` names it (e.g.
    /// tasksPerPlan) and `max` is its value, so a client can say what to remove; the detail names the setting.
    public static ProblemHttpResult LimitReached(string limit, int max, string what, string setting) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Limit reached",
            detail: $"At most {max} {what} are allowed ({limit}, set by {setting}). Nothing was changed.",
            extensions: new Dictionary<string, object?> { ["limit"] = limit, ["max"] = max });

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in", detail: detail);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    public static ProblemHttpResult TooManyRequests(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: detail);

    /// For code outside an endpoint (authentication events, middleware) that must write a problem itself.
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail,
        IReadOnlyDictionary<string, string[]>? errors = null)
    {
        context.Response.StatusCode = status;
        var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        var problem = new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = status, Title = title, Detail = detail } };
        if (errors is not null) problem.ProblemDetails.Extensions["errors"] = errors;
        await writer.WriteAsync(problem);
    }
}

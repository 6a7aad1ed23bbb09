using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace Unbuilt.Api;

/// What an /api request no endpoint took gets: 405 when the path exists for other methods (with Allow), 415 when it
/// exists for this method but takes another body type, 404 otherwise. Routing alone cannot say so, because this
/// catch-all is itself a match for any method and body. It runs only for requests nothing else took.
public sealed class UnmatchedApiRoutes(EndpointDataSource endpoints)
{
    private readonly Lazy<IReadOnlyList<Route>> routes = new(() => [.. endpoints.Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true
            && e.Metadata.GetMetadata<ApiNotFoundMarker>() is null)
        .Select(e => new Route(new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary()),
            e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [],
            e.Metadata.GetMetadata<IAcceptsMetadata>()))]);

    public IResult Answer(HttpContext http)
    {
        var request = http.Request;
        var byPath = routes.Value.Where(r => r.Matcher.TryMatch(request.Path, new RouteValueDictionary())).ToList();
        var byMethod = byPath.Where(r => r.Methods.Count == 0 || r.Methods.Contains(request.Method, StringComparer.OrdinalIgnoreCase)).ToList();
        if (byPath.Count > 0 && byMethod.Count == 0)
        {
            http.Response.Headers.Allow = string.Join(", ", byPath.SelectMany(r => r.Methods).Distinct().Order(StringComparer.Ordinal));
            return TypedResults.Problem(statusCode: StatusCodes.Status405MethodNotAllowed, title: "Method not allowed",
                detail: $"{request.Path} does not take {request.Method}; it takes {http.Response.Headers.Allow}.");
        }
        if (byMethod.Count > 0 && byMethod.All(r => r.Accepts is { } accepts && !Takes(accepts, request)))
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the body as application/json",
                detail: $"{request.Method} {request.Path} takes a JSON body: send it with 'Content-Type: application/json'" +
                        (request.ContentType is { Length: > 0 } sent ? $" (this request said '{ControlCharacters.Replace(sent)}')." : "."));
        return Problems.NotFound($"There is no API route {request.Path}.");
    }

    private static bool Takes(IAcceptsMetadata accepts, HttpRequest request) =>
        request.ContentType is { Length: > 0 } && accepts.ContentTypes.Any(type =>
            type.Equals("application/json", StringComparison.OrdinalIgnoreCase) ? request.HasJsonContentType()
                : request.ContentType.StartsWith(type, StringComparison.OrdinalIgnoreCase));

    private sealed record Route(TemplateMatcher Matcher, IReadOnlyList<string> Methods, IAcceptsMetadata? Accepts);
}

/// Marks the /api catch-all, so it does not count itself as a route that exists.
public sealed record ApiNotFoundMarker;

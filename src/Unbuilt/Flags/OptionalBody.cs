using System.Text.Json;

namespace Unbuilt.Flags;

/// Binding for POSTs whose JSON body is optional (init, rollback, advance), so `curl -X POST` with no body and no
/// Content-Type works. A declared [FromBody] would make routing demand a JSON Content-Type, and the request would
/// fall through to the /api catch-all as an unknown route.
public static class OptionalBody
{
    public static async ValueTask<T?> BindAsync<T>(HttpContext http) where T : class
    {
        var request = http.Request;
        if (request.ContentLength == 0 || !request.HasJsonContentType()) return null;
        try
        {
            return await request.ReadFromJsonAsync<T>(http.RequestAborted);
        }
        catch (JsonException e)
        {
            // The same answer as any other malformed body (see ApiExceptionHandler).
            throw new BadHttpRequestException("The request body is not valid JSON.", StatusCodes.Status400BadRequest, e);
        }
    }
}

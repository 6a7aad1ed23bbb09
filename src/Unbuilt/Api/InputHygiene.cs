namespace Unbuilt.Api;

/// Refuses a request whose query values, route values or stored headers hold a control character, before any
/// handler sees them: 400 naming the parameter. JSON bodies get the same rule from StrictStringConverter.
public static class InputHygiene
{
    /// Request headers whose values are stored or echoed (the others are only compared or ignored).
    private static readonly string[] StoredHeaders = ["Idempotency-Key", "X-Operation-Id", "X-Unbuilt-Client", "X-CSRF-Token"];

    public static IApplicationBuilder UseInputHygiene(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (FindControlCharacter(context) is { } refusal)
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "The request has invalid fields",
                $"'{refusal.Field}': {refusal.Message}", new FieldErrors().Add(refusal.Field, refusal.Message).ToDictionary());
            return;
        }
        await next(context);
    });

    private static (string Field, string Message)? FindControlCharacter(HttpContext context)
    {
        foreach (var (name, values) in context.Request.Query)
        {
            if (Check(name) is { } inName) return (ControlCharacters.Replace(name)!, inName);
            foreach (var value in values)
                if (Check(value) is { } inValue) return (name, inValue);
        }
        foreach (var (name, value) in context.Request.RouteValues)
            if (value is string text && Check(text) is { } inRoute) return (name, inRoute);
        foreach (var header in StoredHeaders)
            foreach (var value in context.Request.Headers[header])
                if (Check(value) is { } inHeader) return (header, inHeader);
        return null;
    }

    private static string? Check(string? text)
    {
        if (text is null) return null;
        var at = ControlCharacters.Find(text, allowLineBreaks: false);
        return at < 0 ? null : $"holds a control character ({ControlCharacters.Describe(text, at)}), which is not allowed.";
    }
}

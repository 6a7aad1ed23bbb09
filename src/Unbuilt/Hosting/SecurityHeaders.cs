namespace Unbuilt.Hosting;

/// Browser defenses on every response, problem details and static files included. The app's own pages load nothing
/// inline and nothing from elsewhere, so their policy allows only this origin; the API reference (Scalar) starts
/// itself with an inline script and styles itself inline, so /api-docs gets a looser policy of its own.
public static class SecurityHeaders
{
    public const string AppPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'";

    public const string ApiDocsPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

    // Only features Chromium knows: an unknown name costs a console error on every page.
    private const string Permissions = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // At response start, not now: the exception handler clears the headers of a response it replaces, and the
        // scheme is only final once the forwarded headers have been applied.
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ApiDocs.ReferencePath) ? ApiDocsPolicy : AppPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY"; // for browsers older than frame-ancestors
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = Permissions;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
            return Task.CompletedTask;
        }, context);
        return next(context);
    });
}

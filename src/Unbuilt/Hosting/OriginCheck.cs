using Microsoft.AspNetCore.Http.Features;
using Unbuilt.Accounts;
using Unbuilt.Api;
using Unbuilt.Settings;

namespace Unbuilt.Hosting;

/// Refuses a write or a WebSocket upgrade that a browser sent from another site's page. Browsers attach the sign-in
/// cookie to such requests and always name the page's origin in `Origin`, so a foreign one means another site is
/// acting with this user's session (the CSRF header covers writes; nothing else covered the hub). The app's own
/// origin (the request's scheme and host) and `Unbuilt:AllowedOrigins` pass; a request without `Origin` (a CLI, a
/// script) and one with a Bearer token (no ambient credentials) are not checked.
public static class OriginCheck
{
    public const string Setting = $"{UnbuiltOptions.Section}:AllowedOrigins";

    public static IApplicationBuilder UseOriginCheck(this WebApplication app)
    {
        var allowed = Parse(app.Configuration[Setting]);
        return app.Use(async (context, next) =>
        {
            var request = context.Request;
            var origin = request.Headers.Origin.ToString();
            if (origin.Length == 0 || !NeedsCheck(context) || IsOwn(request, origin) || allowed.Contains(origin))
            {
                await next(context);
                return;
            }
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Foreign origin",
                $"This request came from a page at '{origin}', not from this app ({Own(request)}). Behind a TLS proxy, set " +
                $"{ForwardedHeadersSetup.Section}:KnownProxies; for another origin of this app, add it to {Setting}.");
        });
    }

    /// Comma- or semicolon-separated origins (scheme://host[:port]), each checked at start-up.
    public static HashSet<string> Parse(string? setting)
    {
        var origins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in (setting ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(item, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") ||
                uri.PathAndQuery != "/" || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
                throw new InvalidOperationException(
                    $"{Setting} has '{item}'; each origin is scheme://host[:port], e.g. https://plans.example.com.");
            origins.Add(uri.GetLeftPart(UriPartial.Authority));
        }
        return origins;
    }

    private static bool NeedsCheck(HttpContext context) =>
        TokenAuthenticationHandler.TokenFrom(context.Request) is null &&
        // The WebSockets feature only exists inside the hub's own endpoint pipeline, so ask the server whether this is
        // an upgrade (an HTTP/2 WebSocket is a CONNECT, which the method rule covers).
        (context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true || !(HttpMethods.IsGet(context.Request.Method) ||
            HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method) ||
            HttpMethods.IsTrace(context.Request.Method)));

    private static string Own(HttpRequest request) => $"{request.Scheme}://{request.Host.Value}";

    private static bool IsOwn(HttpRequest request, string origin) => string.Equals(origin, Own(request), StringComparison.OrdinalIgnoreCase);
}

namespace Unbuilt.Accounts;

/// Double-submit CSRF check for cookie-authenticated writes: the browser client copies the readable `unbuilt_csrf`
/// cookie into the `X-CSRF-Token` header, which another site cannot do. Bearer-token requests carry no ambient
/// credentials and are exempt.
public static class CsrfProtection
{
    public const string CookieName = "unbuilt_csrf";
    public const string HeaderName = "X-CSRF-Token";

    public static void Issue(HttpContext context) =>
        context.Response.Cookies.Append(CookieName, TokenSecrets.RandomValue(), new CookieOptions
        {
            HttpOnly = false,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
        });

    public static void Clear(HttpContext context) => context.Response.Cookies.Delete(CookieName);

    public static IApplicationBuilder UseCsrfProtection(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (NeedsCheck(context) && !HeaderMatchesCookie(context.Request))
        {
            await Api.Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Missing CSRF token",
                $"Cookie-authenticated writes must send the {CookieName} cookie's value in the {HeaderName} header.");
            return;
        }
        await next(context);
    });

    private static bool NeedsCheck(HttpContext context) =>
        !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) &&
        !HttpMethods.IsOptions(context.Request.Method) &&
        context.User.Identity?.AuthenticationType == AccountsSetup.CookieScheme;

    private static bool HeaderMatchesCookie(HttpRequest request)
    {
        var cookie = request.Cookies[CookieName];
        var header = request.Headers[HeaderName].ToString();
        return !string.IsNullOrEmpty(cookie) && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(cookie), System.Text.Encoding.UTF8.GetBytes(header));
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Unbuilt.Accounts;

/// CSRF check for cookie-authenticated writes: the browser client copies the readable `unbuilt_csrf` cookie into the
/// `X-CSRF-Token` header, which another site cannot do. The token is derived from the session's secret (an HMAC, so
/// the readable token reveals nothing of the secret), so a token from another session, or from before a new sign-in,
/// is refused. Bearer-token requests carry no ambient credentials and are exempt.
public static class CsrfProtection
{
    public const string CookieName = "unbuilt_csrf";
    public const string HeaderName = "X-CSRF-Token";

    public static string TokenFor(string sessionSecret) =>
        TokenSecrets.Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(sessionSecret), "unbuilt-csrf"u8));

    public static void Issue(HttpContext context, string sessionSecret) =>
        context.Response.Cookies.Append(CookieName, TokenFor(sessionSecret), new CookieOptions
        {
            HttpOnly = false,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
        });

    public static void Clear(HttpContext context) => context.Response.Cookies.Delete(CookieName);

    public static IApplicationBuilder UseCsrfProtection(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (NeedsCheck(context) && !HeaderMatchesSession(context))
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

    private static bool HeaderMatchesSession(HttpContext context)
    {
        var secret = context.User.SessionSecret();
        var header = context.Request.Headers[HeaderName].ToString();
        return secret is not null && header.Length > 0 &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(TokenFor(secret)), Encoding.UTF8.GetBytes(header));
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Api;
using Unbuilt.Audit;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Accounts;

public sealed record LoginRequest(string? Email, string? Password);

public sealed record MeResponse(int Id, string Email, string DisplayName, Tier Tier, Role Role);

public static class AuthApi
{
    public static MeResponse AsMe(this User user) => new(user.Id, user.Email, user.DisplayName, user.Tier, user.Role);

    public static void MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Accounts");
        auth.MapPost("/login", Login).RequireRateLimiting(RateLimits.LoginPolicy).AllowAnonymous();
        auth.MapPost("/logout", (Delegate)Logout).AllowAnonymous();
        app.MapGet("/api/me", Me).RequireAuthorization().WithTags("Accounts");
    }

    private static async Task<Results<Ok<MeResponse>, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest request, HttpContext http, UserAccounts accounts, UserSessions sessions, LoginThrottle throttle,
        DeviceCookies devices, AuditLog audit, UnbuiltDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("email", request.Email, 254);
        if (string.IsNullOrEmpty(request.Password)) errors.Add("password", "password is required.");
        if (errors.Any) return errors.ToProblem();

        var email = UserAccounts.NormalizeEmail(request.Email!);
        var attempt = LoginThrottle.For(http, email, devices.DeviceFor(http, email));
        if (throttle.LockedFor(attempt) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await audit.RecordNowAsync("auth.login_locked", AuditSeverity.Warning, false, null, new { email }, ct);
            return Problems.TooManyRequests("Too many failed sign-ins; try again later.");
        }

        var user = await accounts.FindByEmailAsync(email, ct);
        // A disabled account gets the wrong password's answer, so the answer tells nothing about the account.
        if (!accounts.VerifyPassword(user, request.Password!) || user!.DisabledAt is not null)
        {
            throttle.Failed(attempt);
            await audit.RecordNowAsync("auth.login_failed", AuditSeverity.Warning, false, user?.Id, new { email }, ct);
            return Problems.Unauthorized("Email or password is wrong.");
        }

        throttle.Succeeded(attempt);
        var secret = sessions.Start(user, http);
        audit.Record("auth.login", AuditSeverity.Info, true, user.Id);
        await db.SaveChangesAsync(ct); // also stores a password hash that was upgraded on verify
        await SignInAsync(http, user, secret, devices);
        return TypedResults.Ok(user.AsMe());
    }

    /// The browser's half of a sign-in (login or sign-up), once the session that UserSessions.Start added is saved:
    /// the auth cookie naming the session, the device cookie that keeps failures elsewhere from locking this browser
    /// out of the account, and the CSRF token bound to the session.
    internal static async Task SignInAsync(HttpContext http, User user, string sessionSecret, DeviceCookies devices)
    {
        devices.Issue(http, user.Email);
        await http.SignInAsync(AccountsSetup.CookieScheme, Claims.PrincipalFor(user, AccountsSetup.CookieScheme, sessionSecret));
        CsrfProtection.Issue(http, sessionSecret);
    }

    private static async Task<NoContent> Logout(HttpContext http, UserSessions sessions, IAccessChanges access, CancellationToken ct)
    {
        // The session ends on the server, so a copy of the cookie taken before logout is worthless, and so do the live
        // connections it opened.
        if (http.User.SessionId() is { } sessionId)
        {
            await sessions.RevokeAsync(http.User.UserId(), keep: null, only: sessionId, ct);
            access.UserChanged(http.User.UserId());
        }
        await http.SignOutAsync(AccountsSetup.CookieScheme);
        CsrfProtection.Clear(http);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> Me(
        HttpContext http, UnbuiltDbContext db, CancellationToken ct)
    {
        var id = http.User.UserId();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        // A browser whose CSRF cookie went missing would fail every write; hand it a new one.
        if (http.User.SessionSecret() is { } secret && string.IsNullOrEmpty(http.Request.Cookies[CsrfProtection.CookieName]))
            CsrfProtection.Issue(http, secret);
        return user is null ? Problems.Unauthorized("This account no longer exists.") : TypedResults.Ok(user.AsMe());
    }
}

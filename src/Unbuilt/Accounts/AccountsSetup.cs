using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;
using Unbuilt.Settings;

namespace Unbuilt.Accounts;

public static class AccountsSetup
{
    public const string CookieScheme = "Cookies";
    public const string CookieName = "unbuilt_auth";
    public const string AdminPolicy = "admin";
    private const string SelectorScheme = "CookieOrBearer";

    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddScoped<UserAccounts>();
        builder.Services.AddScoped<UserSessions>();
        builder.Services.AddOptions<UnbuiltOptions>()
            .Validate(o => SessionLifetimeOptions.IsValid(o.Sessions),
                "Unbuilt:Sessions: IdleMinutes and AbsoluteDays must be at least 1, and the idle timeout no longer than the lifetime; TicketCacheSeconds from 0 to 3600 and TicketCacheSize from 0 to 1000000.")
            .Validate(o => o.RateLimits.FailedLoginsPerEmail >= 1 && o.RateLimits.FailedLoginsPerAddress >= 1,
                "Unbuilt:RateLimits:FailedLoginsPerEmail and FailedLoginsPerAddress must be at least 1.")
            .Validate(o => AccountOptions.IsValidSignUp(o.Accounts), AccountOptions.SignUpMessage)
            .Validate(o => AccountOptions.IsValidInvitationDays(o.Accounts), AccountOptions.InvitationDaysMessage)
            .ValidateOnStart();
        var sessions = builder.Configuration.GetSection(UnbuiltOptions.Section).Get<UnbuiltOptions>()?.Sessions ?? new();
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddSingleton<DeviceCookies>();
        builder.Services.AddSingleton<SignedInUsers>();
        builder.Services.AddScoped<ApiTokenIssuer>();
        // Keys in the database: cookies survive restarts and are valid on every node.
        builder.Services.AddDataProtection().SetApplicationName("unbuilt").PersistKeysToDbContext<UnbuiltDbContext>().AddKeyRing(builder.Configuration);
        builder.Services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "Cookie or API token", options => options.ForwardDefaultSelector =
                context => TokenAuthenticationHandler.TokenFrom(context.Request) is null
                    ? CookieScheme : TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // The session row decides how long a sign-in lasts (idle and absolute); the cookie only never
                // outlives it.
                options.ExpireTimeSpan = sessions.Absolute;
                options.SlidingExpiration = false;
                options.Events.OnRedirectToLogin = context => Problems.WriteAsync(context.HttpContext,
                    StatusCodes.Status401Unauthorized, "Not signed in",
                    "Sign in, or send an API token as 'Authorization: Bearer <token>'.");
                options.Events.OnRedirectToAccessDenied = context => Problems.WriteAsync(context.HttpContext,
                    StatusCodes.Status403Forbidden, "Forbidden", "Your account may not do this.");
                options.Events.OnValidatePrincipal = RefreshFromDatabase;
            });
        // After AddCookie: ASP.NET's post-configuration has made the ticket format this wraps.
        builder.Services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, CookieTicketCacheSetup>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole("admin"));
        return builder;
    }

    public static WebApplication UseAccounts(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseCsrfProtection();
        app.UseAuthorization();
        return app;
    }

    /// A cookie carries only its session's secret: check the session (and re-read its user's role and tier), at most
    /// UserRefreshSeconds old, so a revocation, a disabled user or a demotion counts.
    private static async Task RefreshFromDatabase(CookieValidatePrincipalContext context)
    {
        var secret = context.Principal?.SessionSecret();
        var services = context.HttpContext.RequestServices;
        SignedInSession? session = null;
        if (secret is not null)
        {
            var hash = TokenSecrets.Hash(secret);
            session = await services.GetRequiredService<SignedInUsers>().GetAsync(hash,
                ct => services.GetRequiredService<UserSessions>().FindLiveAsync(hash, ct), context.HttpContext.RequestAborted);
        }
        if (session is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
            return;
        }
        context.ReplacePrincipal(Claims.PrincipalFor(session.User, CookieScheme, secret, session.SessionId));
    }
}

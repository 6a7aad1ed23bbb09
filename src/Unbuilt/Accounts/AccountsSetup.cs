using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;

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
        builder.Services.AddSingleton<LoginThrottle>();
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
                options.ExpireTimeSpan = TimeSpan.FromDays(14);
                options.SlidingExpiration = true;
                options.Events.OnRedirectToLogin = context => Problems.WriteAsync(context.HttpContext,
                    StatusCodes.Status401Unauthorized, "Not signed in",
                    "Sign in, or send an API token as 'Authorization: Bearer <token>'.");
                options.Events.OnRedirectToAccessDenied = context => Problems.WriteAsync(context.HttpContext,
                    StatusCodes.Status403Forbidden, "Forbidden", "Your account may not do this.");
                options.Events.OnValidatePrincipal = RefreshFromDatabase;
            });
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

    // Compiled: every cookie request runs it.
    private static readonly Func<UnbuiltDbContext, int, CancellationToken, Task<User?>> UserById =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int id, CancellationToken ct) => db.Users.AsNoTracking().FirstOrDefault(u => u.Id == id));

    /// A cookie carries the role and tier it was issued with; re-read them (at most UserRefreshSeconds old) so a
    /// demotion counts.
    private static async Task RefreshFromDatabase(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.UserId();
        var services = context.HttpContext.RequestServices;
        var user = id is not { } userId ? null : await services.GetRequiredService<SignedInUsers>().GetAsync(userId,
            ct => UserById(services.GetRequiredService<UnbuiltDbContext>(), userId, ct), context.HttpContext.RequestAborted);
        if (user is null)
        {
            context.RejectPrincipal();
            return;
        }
        context.ReplacePrincipal(Claims.PrincipalFor(user, CookieScheme));
    }
}

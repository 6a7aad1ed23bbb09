using Unbuilt.Accounts;
using Unbuilt.Api;
using Unbuilt.Audit;
using Unbuilt.Database;
using Unbuilt.Flags;
using Unbuilt.Monitoring;
using Unbuilt.Plans;
using Unbuilt.Realtime;
using Unbuilt.Rollout;
using Unbuilt.Search;
using Unbuilt.Settings;

namespace Unbuilt.Hosting;

/// The web app as a table of contents: each feature adds its services, then maps its endpoints. Program.cs starts
/// here for `unbuilt serve`; nothing but the entry points (the CLI's serve verb, the tests) depends on this folder.
public static class UnbuiltWebApp
{
    /// Builds the app `unbuilt serve` runs (Cli/ServeCommand) and the tests start: settings and shared plumbing
    /// first, then each feature in the order its services and middleware need.
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory, // appsettings.json and wwwroot travel with the binary
        });
        builder.AddUnbuiltSettings();
        builder.AddManagementPort();
        builder.AddDatabase();
        builder.AddApiConventions();
        builder.AddAccounts();
        builder.AddRateLimits();
        builder.AddAuditLog();
        builder.AddFeatureFlags();
        builder.AddScaleOut();
        builder.AddMonitoring();
        builder.AddRollout();
        builder.AddSearch();
        builder.AddPlans();
        builder.AddRealtime();
        builder.AddHealth();
        builder.AddApiDocs();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseProxyHeaders(); // first, when proxies are configured: everything after sees the client's address and scheme
        app.UseOperationOutcomes(); // outside the exception handler: records the status the client received, however the request ended
        app.UseSecurityHeaders();
        app.UseApiConventions();
        app.UseManagementPort();
        app.UseInputHygiene();
        app.UseFailedAuthLimit();
        app.UseOriginCheck(); // needs no authentication: it looks at the Origin header and whether a Bearer token came
        app.UseAccounts();
        app.UseRateLimiter();
        app.UseFeatureGates();
        app.UseChaosDrill();
        app.UseRealtime();

        app.MapHealth();
        app.MapApiDocs();
        app.MapAuth();
        app.MapSignUp();
        app.MapSessions();
        app.MapApiTokens();
        app.MapAdminUsers();
        app.MapFeatureFlags();
        app.MapRollout();
        app.MapMonitoring();
        app.MapSearch();
        app.MapPlans();
        app.MapRealtime();
        app.MapWebApp();
        return app;
    }
}

using Unbuilt;
using Unbuilt.Accounts;
using Unbuilt.Api;
using Unbuilt.Audit;
using Unbuilt.Cli;
using Unbuilt.Database;
using Unbuilt.Flags;
using Unbuilt.Hosting;
using Unbuilt.Monitoring;
using Unbuilt.Plans;
using Unbuilt.Realtime;
using Unbuilt.Rollout;
using Unbuilt.Search;
using Unbuilt.Settings;
using Unbuilt.Webhooks;

// `unbuilt serve` runs the web app UnbuiltWebApp.Build makes, below: the list of features, each adding its services and
// then mapping its endpoints. Every other verb is an admin command (Cli/).
return await UnbuiltCommandLine.RunAsync(args, UnbuiltWebApp.Build);

namespace Unbuilt
{
    /// The web app as a table of contents: each feature adds its services, then maps its endpoints. The CLI's serve verb
    /// is handed Build (it does not name this class), and the tests call it to start the real app.
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
            builder.AddWebhooks();
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
            app.MapWebhooks();
            app.MapMonitoring();
            app.MapSearch();
            app.MapPlans();
            app.MapRealtime();
            app.MapWebApp();
            return app;
        }
    }
}

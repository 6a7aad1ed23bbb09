using Unbuilt.Accounts;

namespace Unbuilt.Flags;

/// Feature flags: the snapshot every evaluation reads, the one write path (FlagChanges), propagation to every
/// node, and the admin and user APIs under /api/feature-flags. Moving a flag through its phases is Rollout/'s.
public static class FlagsSetup
{
    public static WebApplicationBuilder AddFeatureFlags(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FlagOptions>().Bind(builder.Configuration.GetSection(FlagOptions.Section))
            .Validate(options => options.ReloadSeconds >= 1, "Unbuilt:Flags:ReloadSeconds must be at least 1.");
        builder.Services.AddSingleton<FlagSnapshotStore>();
        builder.Services.AddSingleton<FlagPropagation>(); // publishes on the invalidation bus that AddScaleOut chose
        builder.Services.AddScoped<FlagChanges>();
        builder.Services.AddSingleton<FlagSnapshotRefresher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FlagSnapshotRefresher>());
        builder.Services.AddSingleton<IFlagInvalidationListener>(sp => sp.GetRequiredService<FlagSnapshotRefresher>());
        return builder;
    }

    public static void MapFeatureFlags(this IEndpointRouteBuilder app)
    {
        app.MapFlagChecks();
        app.MapFlagAdmin();
        app.MapFlagInspection();
    }

    /// /api/feature-flags for administrators: every admin route on flags (here and in Rollout/) starts from it.
    public static RouteGroupBuilder MapAdminFlags(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/feature-flags").RequireAuthorization(AccountsSetup.AdminPolicy).WithTags("Feature flags");
}

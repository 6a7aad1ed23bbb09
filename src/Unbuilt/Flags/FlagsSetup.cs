namespace Unbuilt.Flags;

/// Feature flags: the snapshot every evaluation reads, the one write path (FlagChanges), propagation to every
/// node, and the admin and user APIs under /api/feature-flags.
public static class FlagsSetup
{
    public static WebApplicationBuilder AddFeatureFlags(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FlagOptions>().Bind(builder.Configuration.GetSection(FlagOptions.Section))
            .Validate(options => options.ReloadSeconds >= 1, "Unbuilt:Flags:ReloadSeconds must be at least 1.");
        builder.Services.AddOptions<RolloutOptions>().Bind(builder.Configuration.GetSection(RolloutOptions.Section))
            .Validate(RolloutOptions.IsValid, "Unbuilt:Rollout:MinSamples must be at least 1.").ValidateOnStart();
        builder.Services.AddSingleton<FlagSnapshotStore>();
        builder.Services.AddSingleton<FlagPropagation>(); // publishes on the invalidation bus that AddScaleOut chose
        // A later registration replaces this: monitoring's health readings.
        builder.Services.AddSingleton<IRolloutHealth, NoRolloutHealth>();
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
        app.MapRollout();
        app.MapFlagInspection();
    }
}

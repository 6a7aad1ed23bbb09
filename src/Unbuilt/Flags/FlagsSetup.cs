using Unbuilt.Accounts;

namespace Unbuilt.Flags;

/// Feature flags: the snapshot every evaluation reads, the one write path (FlagChanges), propagation to every
/// node, and the admin and user APIs under /api/feature-flags. Moving a flag through its phases is Rollout/'s.
public static class FlagsSetup
{
    public static WebApplicationBuilder AddFeatureFlags(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FlagOptions>().Bind(builder.Configuration.GetSection(FlagOptions.Section))
            .Validate(options => options.ReloadSeconds >= 1, "Unbuilt:Flags:ReloadSeconds must be at least 1.")
            .Validate(options => options.UsageFlushSeconds >= 1, "Unbuilt:Flags:UsageFlushSeconds must be at least 1.")
            .Validate(options => options.DeleteAfterUnusedDays >= 0, "Unbuilt:Flags:DeleteAfterUnusedDays must be 0 or more.")
            .Validate(options => options.ReadyToRemoveAfterDays >= 0, "Unbuilt:Flags:ReadyToRemoveAfterDays must be 0 or more.");
        builder.Services.AddOptions<SegmentOptions>().Bind(builder.Configuration.GetSection(SegmentOptions.Section))
            .Validate(options => options.MaxUserIds >= 1, "Unbuilt:Segments:MaxUserIds must be at least 1.")
            .Validate(options => options.MaxEmailDomains >= 1, "Unbuilt:Segments:MaxEmailDomains must be at least 1.")
            .Validate(options => options.MaxPerFlag >= 1, "Unbuilt:Segments:MaxPerFlag must be at least 1.")
            .Validate(options => options.MaxSegments >= 1, "Unbuilt:Segments:MaxSegments must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddScoped<SegmentChanges>();
        builder.Services.AddSingleton<FlagUsage>();
        builder.Services.AddSingleton<FlagUsageFlusher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FlagUsageFlusher>());
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
        app.MapFlagLifecycle();
        app.MapFlagInspection();
        app.MapSegments();
    }

    /// /api/feature-flags for administrators: every admin route on flags (here and in Rollout/) starts from it.
    /// A change asked of an archived flag, on any of them, is 409 FLAG_ARCHIVED.
    public static RouteGroupBuilder MapAdminFlags(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/feature-flags").RequireAuthorization(AccountsSetup.AdminPolicy).WithTags("Feature flags");
        group.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (FlagArchivedException e)
            {
                return FlagAdminApi.Conflict("FLAG_ARCHIVED", e.Message, new Dictionary<string, object?> { ["flag"] = e.FlagName });
            }
        });
        return group;
    }
}

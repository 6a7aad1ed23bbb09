namespace Unbuilt.Rollout;

/// Progressive rollout: a flag moves through the phases of its plan (init, deploy, advance, roll back) as far as its
/// health gates allow; the rollout guard watches every live flag's operations and acts on its guard policy; and the
/// performance API shows an operator what to check before advancing. It reads flags (Flags/) and measurements
/// (Monitoring/); monitoring knows nothing of flags, so whatever needs both lives here.
public static class RolloutSetup
{
    public static WebApplicationBuilder AddRollout(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RolloutOptions>().Bind(builder.Configuration.GetSection(RolloutOptions.Section))
            .Validate(RolloutOptions.IsValid, "Unbuilt:Rollout:MinSamples must be at least 1.").ValidateOnStart();
        services.AddOptions<GuardOptions>().Bind(builder.Configuration.GetSection(GuardOptions.Section))
            .Validate(GuardOptions.IsValid, "Unbuilt:Guard:IntervalSeconds and WindowSeconds must be at least 1.").ValidateOnStart();
        services.AddSingleton<FeatureOperations>();
        services.AddScoped<FeatureHealthReader>();
        services.AddScoped<IRolloutHealth, AnalyticsRolloutHealth>();
        services.AddScoped<Flags.IFlagHealth, FlagListHealth>(); // the flag list's health column
        services.AddScoped<Adoption>();
        services.AddScoped<MetricsReport>();
        services.AddScoped<GuardResponder>();
        services.AddHostedService<RolloutGuard>();
        return builder;
    }

    public static void MapRollout(this IEndpointRouteBuilder app)
    {
        app.MapRolloutChanges();
        app.MapRolloutStatus();
        app.MapPerformance();
    }
}

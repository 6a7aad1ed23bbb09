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
        services.AddOptions<CriteriaOptions>().Bind(builder.Configuration.GetSection(CriteriaOptions.Section))
            .Validate(CriteriaOptions.IsValid, "Unbuilt:Rollout:Criteria: thresholds are percentages (0–100) or positive milliseconds, ReturnDays 1–90, the minimums at least 1 and MaxPhases 1–100.").ValidateOnStart();
        services.AddScoped<PhaseWindows>();
        services.AddScoped<SuccessCriteria>();
        services.AddScoped<GuardResponder>();
        services.AddScoped<PhaseAdvance>();
        services.AddScoped<ScheduleReader>();
        services.AddHostedService<RolloutGuard>();
        return builder;
    }

    public static void MapRollout(this IEndpointRouteBuilder app)
    {
        app.MapRolloutChanges();
        app.MapRolloutStatus();
        app.MapSuccessCriteria();
        app.MapRolloutSchedule();
        app.MapPerformance();
    }
}

using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;

namespace Unbuilt.Monitoring;

/// Monitoring: telemetry written off the request path (and deleted past its retention), metrics and alerts over a window, the error
/// log, the chaos drill, and OpenTelemetry export (`/metrics`, optional OTLP traces). Generic measurement: what a
/// feature flag's numbers mean for its rollout is Rollout/'s.
public static class MonitoringSetup
{
    public static WebApplicationBuilder AddMonitoring(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<TelemetryQueue>();
        services.AddSingleton<TelemetryWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<TelemetryWriter>());
        services.AddSingleton<UnbuiltMetrics>();
        services.AddOptions<TelemetryRetentionOptions>().Bind(builder.Configuration.GetSection(TelemetryRetentionOptions.Section))
            .Validate(TelemetryRetentionOptions.IsValid, TelemetryRetentionOptions.Rule).ValidateOnStart();
        services.AddSingleton<TelemetryPurge>();
        services.AddHostedService(sp => sp.GetRequiredService<TelemetryPurge>());

        services.AddSingleton<DatabaseTimings>();
        services.AddSingleton<DbCommandTimer>();
        services.ConfigureDbContext<UnbuiltDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<DbCommandTimer>()));

        services.AddOptions<AlertOptions>().Bind(builder.Configuration.GetSection(AlertOptions.Section))
            .Validate(AlertOptions.IsValid, "Unbuilt:Alerts: rates are percentages (0–100), times and counts positive.").ValidateOnStart();
        services.AddOptions<ChaosOptions>().Bind(builder.Configuration.GetSection(ChaosOptions.Section))
            .Validate(o => o.FailureRate is >= 0 and <= 1, "Unbuilt:Chaos:FailureRate is a fraction from 0 to 1.").ValidateOnStart();

        services.AddSingleton<LogAdminNotifier>(); // the live admin notifier (HubAdminNotifier) writes through it
        services.TryAddSingleton<IOperatorEvents, NoOperatorEvents>(); // Webhooks/ registers the one that delivers

        services.AddSingleton<NamedOperations>();
        services.AddScoped<OperationSamples>();
        services.AddScoped<OperationSeries>();
        services.AddScoped<ActiveAlerts>();
        services.AddScoped<ErrorLog>();
        services.AddHostedService<AlertWatcher>();

        builder.AddOpenTelemetryExport();
        return builder;
    }

    public static void MapMonitoring(this IEndpointRouteBuilder app)
    {
        app.MapPrometheus();
    }
}

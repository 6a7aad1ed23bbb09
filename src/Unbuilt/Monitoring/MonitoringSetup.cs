using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Unbuilt.Data;

namespace Unbuilt.Monitoring;

/// Monitoring (DESIGN.md §9): telemetry written off the request path, metrics and alerts over a window, the error
/// log, and OpenTelemetry export (`/metrics`, optional OTLP traces).
public static class MonitoringSetup
{
    public static WebApplicationBuilder AddMonitoring(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<TelemetryQueue>();
        services.AddSingleton<TelemetryWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<TelemetryWriter>());
        services.AddSingleton<UnbuiltMetrics>();

        services.AddSingleton<DatabaseTimings>();
        services.AddSingleton<DbCommandTimer>();
        services.ConfigureDbContext<UnbuiltDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<DbCommandTimer>()));

        services.AddOptions<AlertOptions>().Bind(builder.Configuration.GetSection(AlertOptions.Section))
            .Validate(AlertOptions.IsValid, "Unbuilt:Alerts: rates are percentages (0–100), times and counts positive.").ValidateOnStart();

        // A default the realtime feature replaces (registered before or after this): zeros.
        services.TryAddSingleton<IRealtimeStats, NoRealtimeStats>();

        services.AddSingleton<FeatureOperations>();
        services.AddScoped<OperationSamples>();
        services.AddScoped<ActiveAlerts>();
        services.AddScoped<Adoption>();
        services.AddScoped<MetricsReport>();
        services.AddScoped<ErrorLog>();

        builder.AddOpenTelemetryExport();
        return builder;
    }

    public static void MapMonitoring(this IEndpointRouteBuilder app)
    {
        app.MapPerformance();
        app.MapPrometheus();
    }
}

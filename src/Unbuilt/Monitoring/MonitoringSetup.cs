using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;

namespace Unbuilt.Monitoring;

/// Monitoring (DESIGN.md §9): telemetry written off the request path, database command timings, and OpenTelemetry
/// export (`/metrics`, optional OTLP traces).
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

        builder.AddOpenTelemetryExport();
        return builder;
    }

    public static void MapMonitoring(this IEndpointRouteBuilder app)
    {
        app.MapPrometheus();
    }
}

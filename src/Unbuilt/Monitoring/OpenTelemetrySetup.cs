using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Unbuilt.Api;
using Unbuilt.Data;

namespace Unbuilt.Monitoring;

/// `/metrics` in Prometheus text format: ASP.NET Core's own meters (hosting, routing, Kestrel, SignalR's
/// connections, rate limiting, authentication…), the .NET runtime's (its process CPU time among them), and ours
/// (UnbuiltMetrics, SqliteWriteGate); `target_info` carries the service and where its database runs (DatabaseLocation). Traces go to an OTLP collector only when
/// OTEL_EXPORTER_OTLP_ENDPOINT is set.
public static class OpenTelemetrySetup
{
    public const string ScrapePath = "/metrics";
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddOpenTelemetryExport(this WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("unbuilt")
                .AddDetector(services => new DatabaseLocation(services.GetRequiredService<Database.DatabaseSettings>())))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Microsoft.AspNetCore.*", "System.Net.Http", UnbuiltMetrics.MeterName, SqliteWriteGate.MeterName)
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpoint]))
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = http => http.Request.Path != ScrapePath)
                .AddSource("Npgsql")
                .AddOtlpExporter());
        return builder;
    }

    /// Unauthenticated, as Prometheus scrapers expect: keep the port private, or put the path behind the proxy's auth.
    public static void MapPrometheus(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(ScrapePath).OnManagementPort(app);
}

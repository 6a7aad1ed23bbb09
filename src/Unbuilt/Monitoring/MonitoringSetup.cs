namespace Unbuilt.Monitoring;

public static class MonitoringSetup
{
    public static WebApplicationBuilder AddMonitoring(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TelemetryQueue>();
        builder.Services.AddSingleton<TelemetryWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TelemetryWriter>());
        return builder;
    }
}

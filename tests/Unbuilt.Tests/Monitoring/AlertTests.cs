using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Unbuilt.Monitoring;

namespace Unbuilt.Tests.Monitoring;

/// Thresholds from configuration (Unbuilt:Alerts:*), and a realtime layer that reports 2 of 20 connections dropped.
public sealed class AlertServer : MonitoringServer
{
    protected override IEnumerable<string> Settings =>
    [
        "Unbuilt:Alerts:TaskUpdateP95Ms=300",
        "Unbuilt:Alerts:ApiP95Ms=800",
        "Unbuilt:Alerts:ErrorRatePercent=10",
        "Unbuilt:Alerts:DbQueryMs=0.0001", // every command is "slow": the database alert can be seen firing
        "Unbuilt:Alerts:MinSamples=10",
        "Unbuilt:Alerts:WindowSeconds=600",
    ];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<IRealtimeStats>(new FixedRealtimeStats(new RealtimeCounts(18, 20, 2, 2))));

    private sealed class FixedRealtimeStats(RealtimeCounts counts) : IRealtimeStats
    {
        public RealtimeCounts Read(DateTime since) => counts;
    }
}

public sealed class AlertTests(AlertServer server) : MonitoringTest<AlertServer>(server)
{
    [Fact]
    public async Task Thresholds_come_from_configuration_and_each_fires_when_broken()
    {
        var admin = await AdminAsync();
        await InsertAsync(Enumerable.Range(1, 20).Select(i => Event("task_updated", i <= 2 ? 900 : 100, i <= 3 ? 503 : 200)));
        await InsertAsync(Enumerable.Range(1, 10).Select(_ => Event("plan_loaded", 1200)));

        var report = await OkJson(admin.GetAsync($"{Performance}/alerts"));

        Assert.Equal(600, report.GetProperty("windowSeconds").GetInt32());
        Assert.Equal(300, report.GetProperty("thresholds").GetProperty("taskUpdateP95Ms").GetDouble());
        Assert.Equal(
            ["api_p95:plan_loaded", "error_rate:task_updated", "task_update_p95:task_updated", "api_p95:task_updated",
             "db_query", "websocket_disconnect_rate"],
            AlertNames(report));
        var messages = report.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("message").GetString()).ToList();
        Assert.Contains("task_updated error rate 15% > 10% (3 of 20 requests failed)", messages);
        Assert.Contains("WebSocket disconnect rate 10% > 5% (2 of 20 connections dropped)", messages);
    }

    [Fact]
    public async Task Fewer_requests_than_the_minimum_break_nothing_and_old_ones_are_out_of_the_window()
    {
        var admin = await AdminAsync();
        await InsertAsync(Enumerable.Range(1, 9).Select(_ => Event("task_updated", 5000, 500)));
        await InsertAsync(Enumerable.Range(1, 30).Select(_ => Event("plan_loaded", 5000, 500, Now.AddMinutes(-11))));

        var report = await OkJson(admin.GetAsync($"{Performance}/alerts"));

        Assert.Equal(["db_query", "websocket_disconnect_rate"], AlertNames(report));
    }

    [Fact]
    public async Task Metrics_show_the_realtime_layers_connections_and_the_same_alerts()
    {
        var admin = await AdminAsync();

        var metrics = await OkJson(admin.GetAsync($"{Performance}/metrics?window=15m"));

        var sockets = metrics.GetProperty("webSockets");
        Assert.Equal((18, 2, 10.0), (sockets.GetProperty("connections").GetInt32(), sockets.GetProperty("dropped").GetInt64(),
            sockets.GetProperty("disconnectRatePercent").GetDouble()));
        Assert.Equal(["db_query", "websocket_disconnect_rate"], AlertNames(metrics));
    }
}

using Unbuilt.Data;
using Unbuilt.LoadTest;
using Unbuilt.Testing;

namespace Unbuilt.Tests.Monitoring;

/// `/metrics`: Prometheus text with ASP.NET Core's and the runtime's meters and ours.
public sealed class PrometheusTests(MonitoringServer server) : MonitoringTest<MonitoringServer>(server)
{
    [Fact]
    public async Task Metrics_answers_in_Prometheus_text_with_operation_durations_flag_evaluations_and_drops()
    {
        var (_, beta) = await FeatureOnAsync();
        Assert.True((await Server.Client(beta).GetAsync($"{MonitoringServer.Routes}/plan")).IsSuccessStatusCode);
        Assert.True(await SeesAsync(beta));

        var response = await Server.Client().GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, text);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE unbuilt_operation_duration_seconds histogram", text);
        Assert.Matches("unbuilt_operation_duration_seconds_count\\{[^}]*operation=\"plan_loaded\"[^}]*outcome=\"success\"", text);
        Assert.Matches("unbuilt_flag_evaluations_total\\{[^}]*flag=\"action_plan_customization\"[^}]*reason=\"TARGETING_MATCH\"", text);
        Assert.Contains("unbuilt_telemetry_dropped_total", text);
        Assert.Contains("http_server_request_duration_seconds", text);
        Assert.Contains("kestrel_", text);
        Assert.Contains("dotnet_gc_", text);
    }

    [Fact]
    public async Task Metrics_has_the_process_CPU_time_and_where_the_database_runs()
    {
        var text = await (await Server.Client().GetAsync("/metrics")).Content.ReadAsStringAsync();

        Assert.Matches($"{ServerMetrics.CpuCounter}\\{{[^}}]*cpu_mode=\"user\"", text);
        Assert.True(ServerMetrics.Sum(text, ServerMetrics.CpuCounter) > 0, text);
        var sqlite = Server.Database.Provider == DatabaseProvider.Sqlite;
        // The test databases are on this machine (UNBUILT_TEST_POSTGRES names 127.0.0.1).
        var (provider, location) = sqlite ? ("sqlite", "in_process") : ("postgres", "local");
        Assert.Matches($"target_info\\{{[^}}]*unbuilt_database_provider=\"{provider}\",unbuilt_database_location=\"{location}\"[^}}]*\\}} 1\n", text);
        Assert.Equal(provider, ServerMetrics.Label(text, ServerMetrics.TargetInfo, ServerMetrics.DatabaseProvider));
        Assert.Equal(location, ServerMetrics.Label(text, ServerMetrics.TargetInfo, ServerMetrics.DatabaseLocation));
    }
}

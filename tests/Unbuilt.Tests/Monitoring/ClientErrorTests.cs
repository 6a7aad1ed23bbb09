using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Monitoring;
using Unbuilt.Rollout;

namespace Unbuilt.Tests.Monitoring;

/// Client errors (400–499) are counted beside the errors (5xx) and never judged: no alert, no breach, no guard.
public sealed class ClientErrorTests(MonitoringServer server) : MonitoringTest<MonitoringServer>(server)
{
    [Fact]
    public async Task Metrics_count_client_errors_beside_errors_per_operation_and_overall()
    {
        var admin = await AdminAsync();
        // task_updated: 200 × 100 requests less 4 × 404, 1 × 409, 2 × 503; plan_loaded: 20, one of them a 400.
        int[] statuses = [404, 404, 404, 404, 409, 503, 503];
        await InsertAsync(Enumerable.Range(0, 100).Select(i => Event("task_updated", 10, i < statuses.Length ? statuses[i] : 200)));
        await InsertAsync(Enumerable.Range(0, 20).Select(i => Event("plan_loaded", 10, i == 0 ? 400 : 200)));

        var metrics = await OkJson(admin.GetAsync($"{Performance}/metrics?window=15m"));

        var update = Operation(metrics, "task_updated");
        Assert.Equal((2, 2.0, 5, 5.0), (update.GetProperty("errors").GetInt32(), update.GetProperty("errorRatePercent").GetDouble(),
            update.GetProperty("clientErrors").GetInt32(), update.GetProperty("clientErrorRatePercent").GetDouble()));
        var load = Operation(metrics, "plan_loaded");
        Assert.Equal((0, 1, 5.0), (load.GetProperty("errors").GetInt32(), load.GetProperty("clientErrors").GetInt32(),
            load.GetProperty("clientErrorRatePercent").GetDouble()));
        var total = metrics.GetProperty("total");
        Assert.Equal((2, 1.667, 6, 5.0), (total.GetProperty("errors").GetInt32(), total.GetProperty("errorRatePercent").GetDouble(),
            total.GetProperty("clientErrors").GetInt32(), total.GetProperty("clientErrorRatePercent").GetDouble()));
    }

    [Fact]
    public async Task A_flood_of_client_errors_fires_no_alert_and_breaks_no_health()
    {
        var (admin, _) = await FeatureOnAsync();
        int[] statuses = [400, 401, 403, 404, 409, 422, 499];
        await InsertAsync(Enumerable.Range(0, 700).Select(i => Event("task_updated", 10, statuses[i % statuses.Length], Now)));

        Assert.Empty(AlertNames(await OkJson(admin.GetAsync($"{Performance}/alerts"))));
        var metrics = await OkJson(admin.GetAsync($"{Performance}/metrics?window=15m"));
        Assert.Empty(AlertNames(metrics));
        Assert.Equal((0, 700, 100.0), (metrics.GetProperty("total").GetProperty("errors").GetInt32(),
            metrics.GetProperty("total").GetProperty("clientErrors").GetInt32(),
            metrics.GetProperty("total").GetProperty("clientErrorRatePercent").GetDouble()));

        // What the rollout guard reads every interval: nothing to act on.
        var health = await Server.WithServicesAsync(services =>
            services.GetRequiredService<FeatureHealthReader>().ReadAsync(Flag, Now.AddMinutes(-15), default));
        Assert.NotNull(health);
        Assert.Empty(health.Breaches);
        Assert.Equal((700, 0, 700), (health.Requests, health.Errors, health.ClientErrors));
        var status = await OkJson(admin.GetAsync($"{Api}/{Flag}/status"));
        Assert.Equal(("healthy", 700, 100.0), (status.GetProperty("health").GetString(), status.GetProperty("healthRequests").GetInt32(),
            status.GetProperty("clientErrorRatePercent").GetDouble()));
        Assert.Empty(Strings(status, "healthBreaches"));
    }
}

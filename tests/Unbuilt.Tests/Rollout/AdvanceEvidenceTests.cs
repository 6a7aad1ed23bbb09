using System.Net.Http.Json;
using Unbuilt.Tests.Monitoring;

namespace Unbuilt.Tests.Rollout;

/// `advance` on what monitoring really counted: the feature's requests since the phase began must reach
/// Unbuilt:Rollout:MinSamples (100 by default, not the alerts' 20) before its health gate is judged.
public sealed class AdvanceEvidenceTests(MonitoringServer server) : MonitoringTest<MonitoringServer>(server)
{
    [Fact]
    public async Task Fewer_requests_than_the_rollout_needs_leave_the_health_unknown_even_past_the_alerts_minimum()
    {
        var (admin, _) = await FeatureOnAsync();
        await PhaseStartedAgoAsync(TimeSpan.FromDays(4));
        await InsertAsync(Enumerable.Range(0, 30).Select(_ => Event("plan_loaded", 20)));

        var problem = await AssertProblem(await admin.PostAsJsonAsync($"{Api}/{Flag}/advance", new { }), 409);

        Assert.Equal("Cannot advance action_plan_customization past internal yet. Health unknown: 30 of the 100 requests needed. " +
            "Advance with force to go ahead anyway; the flag's history records it.", problem.GetProperty("detail").GetString());
        var status = await OkJson(admin.GetAsync($"{Api}/{Flag}/status"));
        Assert.Equal(("unknown", 30, 100), (status.GetProperty("health").GetString(), status.GetProperty("healthRequests").GetInt32(),
            status.GetProperty("healthMinSamples").GetInt32()));
    }

    [Fact]
    public async Task Enough_healthy_requests_after_the_planned_duration_advance_the_phase()
    {
        var (admin, _) = await FeatureOnAsync();
        await PhaseStartedAgoAsync(TimeSpan.FromDays(4));
        await InsertAsync(Enumerable.Range(0, 60).Select(_ => Event("plan_loaded", 20)));
        await InsertAsync(Enumerable.Range(0, 40).Select(i => Event("task_updated", 30, i < 10 ? 404 : 200)));
        await InsertAsync(Enumerable.Range(0, 500).Select(_ => Event("plan_loaded", 20, at: Now.AddDays(-5)))); // before the phase

        var advanced = await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/advance", new { }));

        Assert.Equal("beta", advanced.GetProperty("phase").GetString());
        var latest = (await OkJson(admin.GetAsync($"{Api}/{Flag}/history")))[0];
        Assert.Equal("advance internal → beta, health healthy", latest.GetProperty("reason").GetString());
    }
}

using System.Net.Http.Json;
using Unbuilt.Tests.Monitoring;

namespace Unbuilt.Tests.Webhooks;

/// The rollout guard's action reaches a webhook, end to end: the chaos drill fails every task update, the guard
/// (looking every second) rolls the flag back, and the receiver hears guard.acted and the flag change it made.
public sealed class GuardWebhookTests(ChaosServer server) : MonitoringTest<ChaosServer>(server)
{
    [Fact]
    public async Task A_rollback_by_the_guard_is_announced_as_guard_acted_and_as_a_flag_change_by_the_guard()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var (admin, beta) = await FeatureOnAsync();
        await OkJson(admin.PatchAsJsonAsync($"{Api}/{Flag}", new { guardPolicy = "rollback" }));
        await OkJson(admin.PostAsJsonAsync("/api/webhooks", new { url = receiver.Url, events = new[] { "guard.acted", "flag.changed" } }));

        var user = Server.Client(beta);
        for (var i = 0; i < 6; i++) await AssertProblem(await user.PatchAsync($"{MonitoringServer.Routes}/task", null), 503);
        // The setup's own flag changes (the beta user added) may still be on their way: the guard's come after.
        var first = (await receiver.NextAsync()).Json;
        while (first.GetProperty("type").GetString() == "flag.changed" &&
               first.GetProperty("data").GetProperty("actor").GetString() != "guard")
            first = (await receiver.NextAsync()).Json;
        var second = (await receiver.NextAsync()).Json;

        // The flag change commits before the guard announces what it did.
        Assert.Equal(("flag.changed", "guard", "rollback"), (first.GetProperty("type").GetString(),
            first.GetProperty("data").GetProperty("actor").GetString(), first.GetProperty("data").GetProperty("action").GetString()));
        Assert.Equal("guard.acted", second.GetProperty("type").GetString());
        Assert.Equal((Flag, "rollback", "critical"), (second.GetProperty("data").GetProperty("flag").GetString(),
            second.GetProperty("data").GetProperty("action").GetString(), second.GetProperty("severity").GetString()));
        Assert.Contains("error rate 100% > 1%", second.GetProperty("summary").GetString());
    }
}

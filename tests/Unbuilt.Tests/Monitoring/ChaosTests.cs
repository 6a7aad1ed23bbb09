namespace Unbuilt.Tests.Monitoring;

/// Unbuilt:Chaos:FailureRate=1 with Operations=task_updated: task updates fail with 503 before their handler runs;
/// every other operation, and the gate's answer to users without the feature, are as without the drill.
public sealed class ChaosTests(ChaosServer server) : MonitoringTest<ChaosServer>(server)
{
    [Fact]
    public async Task The_chosen_operation_answers_503_without_running_and_the_failure_is_recorded()
    {
        var (_, beta) = await FeatureOnAsync();
        var client = Server.Client(beta);
        var handled = Server.TaskUpdatesHandled;

        var problem = await AssertProblem(await client.PatchAsync($"{MonitoringServer.Routes}/task", null), 503);

        Assert.Contains("chaos drill", problem.GetProperty("detail").GetString());
        Assert.Equal(handled, Server.TaskUpdatesHandled);
        Assert.Equal(503, Assert.Single(await EventsAsync("task_updated")).StatusCode);
        var audit = Assert.Single(await AuditAsync("action_plan.task_update"));
        Assert.Equal("error", audit.Severity);
        Assert.Contains("chaos drill: injected failure of task_updated", audit.Details);
    }

    [Fact]
    public async Task Other_operations_and_callers_the_gate_turns_away_are_left_alone()
    {
        var (_, beta) = await FeatureOnAsync();
        var outsider = Server.Client(await Server.CreateUserAsync("outsider@example.com"));

        Assert.True((await Server.Client(beta).GetAsync($"{MonitoringServer.Routes}/plan")).IsSuccessStatusCode);
        var gated = await AssertProblem(await outsider.PatchAsync($"{MonitoringServer.Routes}/task", null), 404);
        Assert.Equal(Flag, gated.GetProperty("feature").GetString());
        await AssertProblem(await Server.Client().PatchAsync($"{MonitoringServer.Routes}/task", null), 401);
    }
}

using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Plans.Changes;

namespace Unbuilt.Tests.Plans;

/// Records every published change, in place of the real-time layer.
public sealed class RecordingServer : UnbuiltServer
{
    public ConcurrentQueue<PlanChange> Published { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IPlanChangePublisher>(new RecordingPublisher(Published));

    private sealed class RecordingPublisher(ConcurrentQueue<PlanChange> published) : IPlanChangePublisher
    {
        public ValueTask PublishAsync(PlanChange change, CancellationToken ct)
        {
            published.Enqueue(change);
            return ValueTask.CompletedTask;
        }
    }
}

public sealed class PlanEventsTests(RecordingServer server) : PlanTest<RecordingServer>(server)
{
    [Fact]
    public async Task Each_committed_change_is_published_once_with_its_version_actor_and_operation()
    {
        var user = await TestUserAsync("founder@example.com");
        var client = Server.Client(user);
        var plan = await CreatePlanAsync(client);
        Server.Published.Clear();
        var taskId = Id(Tasks(plan)[0]);

        await OkJson(Send(client, HttpMethod.Patch, $"/api/tasks/{taskId}", new { title = "Live" }, ("X-Operation-Id", "client-op-7")));

        var change = Assert.Single(Server.Published);
        Assert.Equal((Id(plan), Version(plan) + 1, "task.updated"), (change.PlanId, change.Version, change.Type));
        Assert.Equal(user.Id, change.ActorId);
        Assert.Equal("client-op-7", change.OperationId);
        Assert.Equal("Live", change.Data.Changes.Single().After!.Value.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Nothing_is_published_for_a_refused_or_empty_change()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        Server.Published.Clear();
        var t = Tasks(plan).Select(Id).ToList();
        await OkJson(client.PostAsJsonAsync($"/api/tasks/{t[1]}/dependencies", new { prerequisiteTaskId = t[0] }));
        Server.Published.Clear();

        await AssertProblem(await client.PatchAsJsonAsync($"/api/tasks/{t[1]}", new { status = "completed" }), 409);
        await AssertProblem(await Send(client, HttpMethod.Patch, $"/api/tasks/{t[0]}", new { title = "x" }, ("If-Match", "\"1\"")), 412);
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{t[0]}", new { title = Tasks(plan)[0].GetProperty("title").GetString() }));

        Assert.Empty(Server.Published);
    }

    [Fact]
    public async Task Deleting_a_plan_is_published_as_plan_deleted()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        Server.Published.Clear();

        await client.DeleteAsync($"/api/plans/{Id(plan)}");

        Assert.Equal("plan.deleted", Assert.Single(Server.Published).Type);
    }
}

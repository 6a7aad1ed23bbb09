using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Data.Accounts;
using Unbuilt.Realtime;
using Unbuilt.Tests.Cli;

namespace Unbuilt.Tests.LoadTest;

/// `unbuilt loadtest --url A --live-url B` on two nodes sharing a database and Redis: every write goes to A, every
/// WebSocket opens on B, so each live update measured crossed from one node to the other.
[Collection(nameof(CliCollection))]
public sealed class CrossNodeLoadTestTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>, IAsyncLifetime
{
    private const string Flag = "action_plan_customization";

    public Task InitializeAsync() => cluster.A.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task With_live_url_the_sockets_open_on_the_other_node_and_every_update_reaches_them()
    {
        var token = (await cluster.A.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin)).Token;
        using (var admin = cluster.A.Client(token))
        {
            Assert.True((await admin.PostAsync($"/api/feature-flags/{Flag}/init", null)).IsSuccessStatusCode);
            Assert.True((await admin.PostAsJsonAsync($"/api/feature-flags/{Flag}/deploy", new { phase = "internal" })).IsSuccessStatusCode);
        }
        var since = DateTime.UtcNow.AddSeconds(-1);
        var path = Path.Combine(Path.GetTempPath(), $"loadtest-{Guid.NewGuid():N}.json");

        var run = await CliRunner.RunAsync(["loadtest", "--url", cluster.A.BaseAddress.ToString(), "--token", token,
            "--live-url", cluster.B.BaseAddress.ToString(), "--load", "2", "--duration", "3s", "--tasks", "20", "--no-ceiling",
            "--think-ms", "50", "--listeners", "2", "--warm-up", "0", "--report", path]);

        Assert.True(File.Exists(path), run.Out + run.Error);
        var report = JsonDocument.Parse(await File.ReadAllTextAsync(path)).RootElement;
        File.Delete(path);
        Assert.True(run.Exit is 0 or 1, run.Out + run.Error); // 1: only a latency bar missed on this busy machine
        Assert.Equal(0, report.GetProperty("errors").GetProperty("failed").GetInt64());
        Assert.Equal(0, report.GetProperty("errors").GetProperty("liveUpdatesLost").GetInt64());
        var live = report.GetProperty("operations").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "live_update");
        Assert.True(live.GetProperty("count").GetInt32() > 0, run.Out);
        Assert.Equal([cluster.B.BaseAddress.ToString()], report.GetProperty("run").GetProperty("liveUrls").EnumerateArray().Select(u => u.GetString()));
        Assert.Contains("(across nodes)", run.Out);
        Assert.Equal(4, Opened(cluster.B, since));
        Assert.Equal(0, Opened(cluster.A, since));
    }

    private static long Opened(UnbuiltServer node, DateTime since) =>
        node.Services.GetRequiredService<RealtimeCounters>().Read(since).Connected;
}

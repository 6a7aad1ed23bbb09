using System.Net.Http.Json;
using System.Text.Json;
using Unbuilt.Data.Accounts;
using Unbuilt.Tests.Cli;

namespace Unbuilt.Tests.LoadTest;

/// A server that lets each user hold two live connections.
public sealed class TwoConnectionsServer : UnbuiltServer
{
    protected override IEnumerable<string> Settings => ["Unbuilt:Realtime:MaxConnectionsPerUser=2"];
}

/// The load test's listeners go to the users in turn, so a run stays under the server's per-user cap whenever the
/// sockets fit; when they cannot, the run stops at set-up with the server's reason.
[Collection(nameof(CliCollection))]
public sealed class LoadTestConnectionCapTests(TwoConnectionsServer server) : IntegrationTest<TwoConnectionsServer>(server)
{
    private const string Flag = "action_plan_customization";

    private async Task<string> AdminTokenAsync()
    {
        var token = (await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin)).Token;
        using var admin = Server.Client(token);
        Assert.True((await admin.PostAsync($"/api/feature-flags/{Flag}/init", null)).IsSuccessStatusCode);
        Assert.True((await admin.PostAsJsonAsync($"/api/feature-flags/{Flag}/deploy", new { phase = "internal" })).IsSuccessStatusCode);
        return token;
    }

    private Task<CliRunner.Result> LoadTest(string token, int load, int listeners, params string[] args) =>
        CliRunner.RunAsync(["loadtest", "--url", Server.BaseAddress.ToString(), "--token", token, "--load", $"{load}",
            "--listeners", $"{listeners}", "--duration", "2s", "--tasks", "20", "--no-ceiling", "--think-ms", "50",
            "--warm-up", "0", .. args]);

    [Fact]
    public async Task Listeners_spread_evenly_fill_every_user_to_the_cap_and_none_is_refused()
    {
        var token = await AdminTokenAsync();
        var path = Path.Combine(Path.GetTempPath(), $"loadtest-{Guid.NewGuid():N}.json");

        var run = await LoadTest(token, load: 3, listeners: 3, "--report", path);

        Assert.True(File.Exists(path), run.Out + run.Error);
        var report = JsonDocument.Parse(await File.ReadAllTextAsync(path)).RootElement;
        File.Delete(path);
        Assert.True(run.Exit is 0 or 1, run.Out + run.Error); // 1: only a latency bar missed on this busy machine
        Assert.Equal(6, report.GetProperty("run").GetProperty("liveConnections").GetInt32());
        Assert.Equal(0, report.GetProperty("run").GetProperty("liveConnectionsLost").GetInt32());
    }

    [Fact]
    public async Task More_sockets_than_the_cap_allows_stop_the_run_with_the_servers_reason()
    {
        var token = await AdminTokenAsync();

        var run = await LoadTest(token, load: 1, listeners: 2);

        Assert.NotEqual(0, run.Exit);
        Assert.Contains("at most 2 live connections", run.Error);
    }
}

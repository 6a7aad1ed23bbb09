using System.Net.Http.Json;
using System.Text.Json;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;
using Unbuilt.LoadTest;
using Unbuilt.Tests.Cli;

namespace Unbuilt.Tests.LoadTest;

/// `unbuilt loadtest` against a real server over HTTP and WebSockets: a short run, and a refusal when the flag is off.
/// Latency verdicts are not asserted: timing belongs in benchmarks, and this machine runs many suites at once.
[Collection(nameof(CliCollection))]
public sealed class LoadTestCommandTests(UnbuiltServer server) : IntegrationTest(server)
{
    private const string Flag = "action_plan_customization";
    private static readonly string[] Operations =
        ["plan_loaded", "task_updated", "task_moved", "tasks_reordered", "export_generated", "live_update", "live_after_answer"];

    private async Task<string> AdminTokenAsync() => (await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin)).Token;

    private Task<CliRunner.Result> LoadTest(string token, params string[] args) =>
        CliRunner.RunAsync(["loadtest", "--url", Server.BaseAddress.ToString(), "--token", token, .. args]);

    private async Task FlagAsync(string token, params string[] steps)
    {
        using var admin = Server.Client(token);
        foreach (var step in steps)
        {
            var response = step == "init"
                ? await admin.PostAsync($"/api/feature-flags/{Flag}/init", null)
                : await admin.PostAsJsonAsync($"/api/feature-flags/{Flag}/deploy", new { phase = step });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_short_run_measures_every_operation_and_live_updates_and_writes_the_report()
    {
        var token = await AdminTokenAsync();
        await FlagAsync(token, "init", "internal");
        var path = Path.Combine(Path.GetTempPath(), $"loadtest-{Guid.NewGuid():N}.json");

        var run = await LoadTest(token, "--load", "3", "--duration", "3s", "--tasks", "30", "--no-ceiling",
            "--think-ms", "50", "--listeners", "3", "--warm-up", "3s", "--report", path);

        var report = JsonDocument.Parse(await File.ReadAllTextAsync(path)).RootElement;
        File.Delete(path);
        var errors = report.GetProperty("errors");
        Assert.True(errors.GetProperty("failed").GetInt64() == 0, run.Out);
        Assert.Equal(0, errors.GetProperty("liveUpdatesLost").GetInt64());
        // 0 when this machine was quiet enough to meet every latency bar; 1 when only a latency bar was missed.
        Assert.Equal(report.GetProperty("exitCode").GetInt32(), run.Exit);
        Assert.True(run.Exit is 0 or 1, run.Out + run.Error);
        Assert.Contains(run.Exit == 0 ? "PASS" : "FAIL", run.Out.TrimEnd().Split('\n')[^1]);

        var counts = report.GetProperty("operations").EnumerateArray()
            .ToDictionary(o => o.GetProperty("name").GetString()!, o => o.GetProperty("count").GetInt32());
        Assert.Equal(Operations, counts.Keys);
        Assert.All(Operations, name => Assert.True(counts[name] > 0, $"{name}: no samples\n{run.Out}"));
        var facts = report.GetProperty("run");
        Assert.Equal(6, facts.GetProperty("liveConnections").GetInt32());
        Assert.Equal(3, facts.GetProperty("load").GetInt32());
        // The warm-up ran first and is not part of the measured time.
        Assert.Contains("Warming up: the same load for 3 s, not measured", run.Out);
        var warmUp = facts.GetProperty("warmUp");
        Assert.InRange(warmUp.GetProperty("seconds").GetDouble(), 3, 5);
        Assert.Equal(("3 s", "fixed"), (warmUp.GetProperty("plan").GetString(), warmUp.GetProperty("endedBy").GetString()));
        Assert.InRange(facts.GetProperty("elapsedSeconds").GetDouble(), 2.9, 5.9); // 3 s measured, not 3 + 3
        Assert.True(report.GetProperty("machine").GetProperty("cores").GetInt32() > 0);
        await AssertBetaUsersRemovedAsync(token);
    }

    [Fact]
    public async Task A_closed_run_of_task_updates_reports_throughput_and_CPU_per_request()
    {
        var token = await AdminTokenAsync();
        await FlagAsync(token, "init", "internal");
        var path = Path.Combine(Path.GetTempPath(), $"loadtest-{Guid.NewGuid():N}.json");

        var run = await LoadTest(token, "--load", "3", "--duration", "3s", "--tasks", "20", "--no-ceiling", "--closed",
            "--only", "task_updated", "--warm-up", "2s", "--report", path);

        var report = JsonDocument.Parse(await File.ReadAllTextAsync(path)).RootElement;
        File.Delete(path);
        Assert.True(run.Exit is 0 or 1, run.Out + run.Error); // 1: only a latency bar missed on a busy machine
        Assert.Equal(0, report.GetProperty("errors").GetProperty("failed").GetInt64());
        var facts = report.GetProperty("run");
        Assert.True(facts.GetProperty("closed").GetBoolean());
        Assert.Equal(0, facts.GetProperty("thinkMs").GetInt32());
        Assert.Equal("task_updated", facts.GetProperty("only").GetString());
        // Only the updates and their live delivery: no plan load, move or export was done, and none is missed.
        var operations = report.GetProperty("operations").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        Assert.Equal(["task_updated", "live_update", "live_after_answer"], operations.Keys);
        var updates = operations["task_updated"];
        Assert.True(updates.GetProperty("perSecond").GetDouble() > 0, run.Out);
        // Successful requests over the measured part (the report rounds both, hence the 1 %).
        var perSecond = updates.GetProperty("count").GetInt32() / facts.GetProperty("elapsedSeconds").GetDouble();
        Assert.InRange(updates.GetProperty("perSecond").GetDouble(), perSecond * 0.99, perSecond * 1.01);
        Assert.Contains("closed (saturation)", run.Out);
        Assert.Matches(@"│ Operation\s+│ req/s\s+│ p50 ms", run.Out); // a saturation table leads with throughput

        var cpu = report.GetProperty("cpu");
        Assert.True(cpu.GetProperty("requests").GetInt64() > 0);
        Assert.True(cpu.GetProperty("appMsPerRequest").GetDouble() > 0, cpu.ToString());
        Assert.Contains("App CPU per request:", run.Out);
        // The JIT's part of it, read from the same /metrics: a number, whether this test's server still compiles or not.
        Assert.True(cpu.GetProperty("jitSeconds").GetDouble() >= 0, cpu.ToString());
        Assert.Matches(@"App CPU per request: [0-9.]+ ms \([0-9.]+ cores busy\); the JIT compiling [0-9.]+% of that time", run.Out);
        if (Server.Database.Provider == DatabaseProvider.Sqlite)
        {
            Assert.Equal(JsonValueKind.Null, cpu.GetProperty("databaseMsPerRequest").ValueKind);
            Assert.StartsWith("inside the app process (SQLite)", cpu.GetProperty("database").GetString());
        }
        else // the test cluster is on this machine, and so is the server: auto measures it
        {
            Assert.True(cpu.GetProperty("databaseMsPerRequest").GetDouble() > 0, cpu.ToString());
            Assert.EndsWith("postgres processes on this machine, from /proc", cpu.GetProperty("database").GetString());
        }
    }

    [Fact]
    public async Task A_closed_run_refuses_a_think_time()
    {
        var run = await LoadTest(await AdminTokenAsync(), "--load", "2", "--duration", "2s", "--closed", "--think-ms", "100");

        Assert.Equal(1, run.Exit);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--closed runs the users back to back with no think time; leave out --think-ms 100", line);
    }

    [Fact]
    public async Task With_the_flag_off_it_stops_before_creating_anything_and_says_what_to_do()
    {
        var token = await AdminTokenAsync();
        await FlagAsync(token, "init");

        var run = await LoadTest(token, "--load", "2", "--duration", "2s", "--no-ceiling");

        Assert.NotEqual(0, run.Exit);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("flags deploy internal", line);
        using var admin = Server.Client(token);
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>("/api/admin/users")).GetArrayLength());
        Assert.False((await admin.GetFromJsonAsync<JsonElement>($"/api/feature-flags/{Flag}")).GetProperty("enabled").GetBoolean());
    }

    [Theory]
    [InlineData("--duration", "soon")]
    [InlineData("--load", "0")]
    [InlineData("--warm-up", "later")]
    [InlineData("--warm-up", "11m")]
    [InlineData("--only", "plan_loads")]
    [InlineData("--only", "live_update")]
    [InlineData("--db-cpu", "remote")]
    public async Task Bad_arguments_exit_non_zero_with_one_line(string option, string value)
    {
        string[] args = ["--load", "2", "--duration", "2s", "--warm-up", "0", "--only", "plan_loaded", "--db-cpu", "auto"];
        args[Array.IndexOf(args, option) + 1] = value;

        var run = await LoadTest(await AdminTokenAsync(), args);

        Assert.NotEqual(0, run.Exit);
        Assert.Contains(option, run.Error);
    }

    [Fact]
    public async Task The_server_reports_the_JIT_time_an_auto_warm_up_watches_and_a_node_without_it_reads_as_none()
    {
        using var http = new HttpClient();

        Assert.True(await WarmUp.JitSecondsAsync(http, Server.BaseAddress, CancellationToken.None) > 0);
        Assert.Null(await WarmUp.JitSecondsAsync(http, new Uri("http://127.0.0.1:1/"), CancellationToken.None));
    }

    private async Task AssertBetaUsersRemovedAsync(string token)
    {
        using var admin = Server.Client(token);
        var flag = await admin.GetFromJsonAsync<JsonElement>($"/api/feature-flags/{Flag}");
        Assert.Equal(0, flag.GetProperty("allowedUserIds").GetArrayLength());
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/admin/users");
        var made = users.EnumerateArray().Where(u => u.GetProperty("email").GetString()!.EndsWith("@loadtest.invalid", StringComparison.Ordinal));
        Assert.Equal(3, made.Count()); // the users stay, clearly named
        Assert.All(made, u => Assert.Equal("pro", u.GetProperty("tier").GetString()));
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Unbuilt.Monitoring;
using Unbuilt.Rollout;
using Unbuilt.Tests.Cli;
using Unbuilt.Tests.Monitoring;

namespace Unbuilt.Tests.Rollout;

/// Guarded rollout with the chaos drill failing every task update (ChaosServer: the guard looks every second).
[Collection(nameof(CliCollection))]
public sealed class GuardTests(ChaosServer server) : MonitoringTest<ChaosServer>(server)
{
    private static readonly TimeSpan BoundedWait = TimeSpan.FromSeconds(15);

    private async Task FailTaskUpdatesAsync(TestUser user, int count)
    {
        var client = Server.Client(user);
        for (var i = 0; i < count; i++) await AssertProblem(await client.PatchAsync($"{MonitoringServer.Routes}/task", null), 503);
    }

    /// Polls the flag's history until the guard has written an entry (well within the bound: the guard looks every second).
    private async Task<JsonElement> GuardEntryAsync(HttpClient admin)
    {
        var deadline = DateTime.UtcNow + BoundedWait;
        while (true)
        {
            var history = await OkJson(admin.GetAsync($"{Api}/{Flag}/history"));
            var entry = history.EnumerateArray().FirstOrDefault(c => c.GetProperty("actor").GetString() == "guard");
            if (entry.ValueKind == JsonValueKind.Object) return entry;
            Assert.True(DateTime.UtcNow < deadline, "The guard did not act within the bounded wait.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Policy_rollback_turns_the_flag_off_says_why_and_logs_errors_lists_the_failures()
    {
        var (admin, beta) = await FeatureOnAsync();
        Assert.Equal(0, (await CliRunner.RunAsync("flags", "guard", "rollback", "--url", Server.BaseAddress.ToString(),
            "--token", admin.DefaultRequestHeaders.Authorization!.Parameter!)).Exit);

        await FailTaskUpdatesAsync(beta, 6);
        var entry = await GuardEntryAsync(admin);

        Assert.Equal("rollback", entry.GetProperty("action").GetString());
        Assert.Contains("error rate 100% > 1% (6 of 6 requests failed)", entry.GetProperty("reason").GetString());
        var flag = await GetFlagAsync(admin);
        Assert.False(flag.GetProperty("enabled").GetBoolean());
        Assert.Equal("rollback", flag.GetProperty("phase").GetString());
        Assert.False(await SeesAsync(beta));
        var warning = Assert.Single(await AuditAsync(GuardResponder.AuditAction));
        Assert.Equal("warning", warning.Severity);

        string[] logs = ["logs", "errors", "--feature", Flag, "--since", "1h", "--url", Server.BaseAddress.ToString(),
            "--token", admin.DefaultRequestHeaders.Authorization!.Parameter!];
        var table = await CliRunner.RunAsync(logs);
        Assert.Equal(0, table.Exit);
        Assert.Contains("6 errors in action_plan_customization", table.Out);
        var json = await CliRunner.RunAsync([.. logs, "--json"]);
        var errors = JsonDocument.Parse(json.Out).RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(6, errors.Count);
        Assert.All(errors, e => Assert.Equal(("task_updated", 503, beta.Id), (e.GetProperty("operation").GetString(),
            e.GetProperty("status").GetInt32(), e.GetProperty("userId").GetInt32())));
        Assert.All(errors, e => Assert.Equal("chaos drill: injected failure of task_updated", e.GetProperty("message").GetString()));
        Assert.Equal(6, errors.Select(e => e.GetProperty("requestId").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Policy_step_down_deploys_the_previous_phase()
    {
        var (admin, beta) = await FeatureOnAsync();
        await DeployAsync(admin, "beta");
        await OkJson(admin.PatchAsJsonAsync($"{Api}/{Flag}", new { guardPolicy = "step-down" }));

        await FailTaskUpdatesAsync(beta, 5);
        var entry = await GuardEntryAsync(admin);

        Assert.Equal("step_down", entry.GetProperty("action").GetString());
        Assert.StartsWith("stepped down to internal: error rate 100% > 1%", entry.GetProperty("reason").GetString());
        var status = await OkJson(admin.GetAsync($"{Api}/{Flag}/status"));
        Assert.Equal(("internal", true), (status.GetProperty("phase").GetString(), status.GetProperty("enabled").GetBoolean()));
    }

    [Fact]
    public async Task Policy_alert_leaves_the_flag_and_records_the_breach_in_history_and_status_shows_the_reading()
    {
        var (admin, beta) = await FeatureOnAsync();

        await FailTaskUpdatesAsync(beta, 5);
        var entry = await GuardEntryAsync(admin);

        Assert.Equal("alert", entry.GetProperty("action").GetString());
        Assert.Contains("policy alert", entry.GetProperty("reason").GetString());
        Assert.True((await GetFlagAsync(admin)).GetProperty("enabled").GetBoolean());
        var status = await OkJson(admin.GetAsync($"{Api}/{Flag}/status"));
        Assert.Equal("breached", status.GetProperty("health").GetString());
        Assert.Equal(1.0, status.GetProperty("healthReading").GetProperty("errorRate").GetDouble());
        var advance = await AssertProblem(await admin.PostAsync($"{Api}/{Flag}/advance", null), 409);
        Assert.Contains("error rate 100%", advance.GetProperty("detail").GetString());
    }
}

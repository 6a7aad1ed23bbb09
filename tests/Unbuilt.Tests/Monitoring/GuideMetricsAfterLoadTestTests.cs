using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Data.Accounts;
using Unbuilt.Data.Plans;
using Unbuilt.Data;
using Unbuilt.LoadTest;
using Unbuilt.Tests.Cli;

namespace Unbuilt.Tests.Monitoring;

/// Issue 6: on PostgreSQL, after a real `unbuilt loadtest`, every query of the guide's "Key Metrics to Track" runs as
/// printed and returns the numbers the performance API reports and the run itself counted. Every export fails
/// (chaos drill), so the error rate has something to count. (PostgreSQL syntax: on SQLite there is nothing to run.)
[Collection(nameof(CliCollection))]
public sealed class GuideMetricsAfterLoadTestTests(FailingExportsServer server) : IntegrationTest<FailingExportsServer>(server)
{
    private const int Load = 3;

    [Fact]
    public async Task Every_key_metric_query_agrees_with_the_api_and_the_run()
    {
        if (Server.Database.Provider == DatabaseProvider.Sqlite) return;
        var token = (await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin)).Token;
        string[] target = ["--url", Server.BaseAddress.ToString(), "--token", token];
        Assert.Equal(0, (await CliRunner.RunAsync(["flags", "init", .. target])).Exit);
        Assert.Equal(0, (await CliRunner.RunAsync(["flags", "deploy", "internal", .. target])).Exit);
        var path = Path.Combine(Path.GetTempPath(), $"loadtest-{Guid.NewGuid():N}.json");

        var run = await CliRunner.RunAsync(["loadtest", .. target, "--load", $"{Load}", "--duration", "5s", "--tasks", "10",
            "--no-ceiling", "--think-ms", "100", "--warm-up", "0", "--report", path]);

        var report = JsonDocument.Parse(await File.ReadAllTextAsync(path)).RootElement;
        File.Delete(path);
        Assert.True(run.Exit == Verdict.Failures, $"exit {run.Exit}\n{run.Out}");
        var failed = report.GetProperty("errors").GetProperty("failed").GetInt64();
        var sent = report.GetProperty("operations").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!,
            o => o.GetProperty("count").GetInt32() + o.GetProperty("errors").GetInt32());
        Assert.True(failed > 0 && failed == sent[RunResults.ExportGenerated], run.Out);
        using var admin = Server.Client(token);
        var metrics = await admin.GetFromJsonAsync<JsonElement>("/api/performance/metrics?window=1h"); // writes pending telemetry first

        var planLoad = Operation(metrics, "plan_loaded");
        Assert.Equal(sent[RunResults.PlanLoaded] + Load, planLoad.GetProperty("count").GetInt32()); // + each user's load in setup
        AssertLatencies(planLoad, await RowAsync(GuideKeyMetrics.PlanLoadTime));
        var taskUpdate = Operation(metrics, "task_updated");
        Assert.Equal(sent[RunResults.TaskUpdated], taskUpdate.GetProperty("count").GetInt32());
        AssertLatencies(taskUpdate, await RowAsync(GuideKeyMetrics.TaskUpdateLatency));

        var plans = metrics.GetProperty("plans");
        var tasksPerPlan = await DbAsync(db => db.PlanTasks.GroupBy(t => t.PlanId).Select(g => g.Count()).ToListAsync());
        var adoption = await RowAsync(GuideKeyMetrics.FeatureAdoption);
        Assert.Equal((Load, Load), (Convert.ToInt32(adoption[0]), Convert.ToInt32(adoption[1])));
        Assert.Equal((Load, Load), (plans.GetProperty("usersWithPlans").GetInt32(), plans.GetProperty("plans").GetInt32()));
        Assert.Equal(tasksPerPlan.Average(), Convert.ToDouble(adoption[2]), 6);
        Assert.Equal(plans.GetProperty("avgTasksPerPlan").GetDouble(), Convert.ToDouble(adoption[2]), 0.0051);

        var completed = await DbAsync(db => db.PlanTasks.CountAsync(t => t.Status == TaskState.Completed));
        var completion = Convert.ToDouble((await RowAsync(GuideKeyMetrics.TaskCompletionRate))[0]);
        Assert.True(completed > 0, "the run completed no task");
        Assert.Equal(100.0 * completed / tasksPerPlan.Sum(), completion, 6);
        Assert.Equal(plans.GetProperty("taskCompletionRatePercent").GetDouble(), completion, 0.00051);

        var all = metrics.GetProperty("total");
        var errorRate = Convert.ToDouble((await RowAsync(GuideKeyMetrics.ErrorRate))[0]);
        Assert.Equal(failed, all.GetProperty("errors").GetInt64());
        Assert.Equal(100.0 * failed / all.GetProperty("count").GetInt32(), errorRate, 6);
        Assert.Equal(all.GetProperty("errorRatePercent").GetDouble(), errorRate, 0.00051);
    }

    private Task<object?[]> RowAsync(string query) => DbAsync(db => GuideKeyMetrics.RowAsync(db, query));

    /// The query's average and p95 are the API's, which it rounds to 0.01 ms.
    private static void AssertLatencies(JsonElement operation, object?[] row)
    {
        Assert.Equal(operation.GetProperty("avgMs").GetDouble(), Convert.ToDouble(row[0]), 0.0051);
        Assert.Equal(operation.GetProperty("p95Ms").GetDouble(), Convert.ToDouble(row[1]), 0.0051);
    }

    private static JsonElement Operation(JsonElement metrics, string name) =>
        metrics.GetProperty("operations").EnumerateArray().Single(o => o.GetProperty("operation").GetString() == name);
}

/// The chaos drill fails every export; no guard acts on it, so the whole run is measured with the flag on.
public sealed class FailingExportsServer : UnbuiltServer
{
    protected override IEnumerable<string> Settings =>
    [
        "Unbuilt:Chaos:FailureRate=1",
        "Unbuilt:Chaos:Operations=export_generated",
        "Unbuilt:Guard:Enabled=false",
    ];
}

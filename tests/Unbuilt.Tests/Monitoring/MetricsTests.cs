using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;
using Unbuilt.Data.Plans;

namespace Unbuilt.Tests.Monitoring;

/// GET /api/performance/metrics over known events: the same numbers on SQLite and PostgreSQL, and on PostgreSQL
/// the same as the guide's own SQL.
public sealed class MetricsTests(MonitoringServer server) : MonitoringTest<MonitoringServer>(server)
{
    /// task_updated: 1..100 ms (two of them 503s); plan_loaded: 10..100 ms; older events in the wider windows only.
    private async Task InsertKnownEventsAsync()
    {
        var recent = Now.AddMinutes(-1);
        await InsertAsync(Enumerable.Range(1, 100).Select(ms => Event("task_updated", ms, ms is 10 or 20 ? 503 : 200, recent)));
        await InsertAsync(Enumerable.Range(1, 10).Select(i => Event("plan_loaded", i * 10, at: recent)));
        await InsertAsync([Event("plan_loaded", 1000, at: Now.AddMinutes(-30)), Event("plan_loaded", 1000, at: Now.AddMinutes(-30))]);
        await InsertAsync(Enumerable.Range(1, 3).Select(_ => Event("task_updated", 5000, 500, Now.AddHours(-2))));
    }

    [Fact]
    public async Task Each_operation_has_count_errors_error_rate_and_percentiles_for_the_window()
    {
        var admin = await AdminAsync();
        await InsertKnownEventsAsync();

        var hour = await OkJson(admin.GetAsync($"{Performance}/metrics"));

        Assert.Equal("1h", hour.GetProperty("window").GetString());
        var update = Operation(hour, "task_updated");
        Assert.Equal(100, update.GetProperty("count").GetInt32());
        Assert.Equal(2, update.GetProperty("errors").GetInt32());
        Assert.Equal(2.0, update.GetProperty("errorRatePercent").GetDouble());
        Assert.Equal(50.5, update.GetProperty("avgMs").GetDouble());
        Assert.Equal(50.5, update.GetProperty("p50Ms").GetDouble());
        Assert.Equal(95.05, update.GetProperty("p95Ms").GetDouble());
        Assert.Equal(99.01, update.GetProperty("p99Ms").GetDouble());
        Assert.Equal(12, Operation(hour, "plan_loaded").GetProperty("count").GetInt32());

        var quarter = await OkJson(admin.GetAsync($"{Performance}/metrics?window=15m"));
        var load = Operation(quarter, "plan_loaded");
        Assert.Equal([10, 55, 55, 95.5, 99.1], new[] { "count", "avgMs", "p50Ms", "p95Ms", "p99Ms" }.Select(p => load.GetProperty(p).GetDouble()));
        var total = quarter.GetProperty("total");
        Assert.Equal((110, 2, 1.818), (total.GetProperty("count").GetInt32(), total.GetProperty("errors").GetInt32(),
            total.GetProperty("errorRatePercent").GetDouble()));

        var day = await OkJson(admin.GetAsync($"{Performance}/metrics?window=24h"));
        Assert.Equal((103, 5), (Operation(day, "task_updated").GetProperty("count").GetInt32(),
            Operation(day, "task_updated").GetProperty("errors").GetInt32()));
    }

    [Fact]
    public async Task On_PostgreSQL_the_guides_latency_query_gives_the_same_average_and_p95()
    {
        var admin = await AdminAsync();
        await InsertKnownEventsAsync();
        var update = Operation(await OkJson(admin.GetAsync($"{Performance}/metrics")), "task_updated");
        if (TestDatabase.ConfiguredProvider != DatabaseProvider.Postgres)
        {
            Assert.Equal(95.05, update.GetProperty("p95Ms").GetDouble()); // SQLite has no percentile_cont to compare with
            return;
        }

        var row = await DbAsync(db => GuideKeyMetrics.RowAsync(db, GuideKeyMetrics.TaskUpdateLatency));
        var (avg, p95) = (Convert.ToDouble(row[0]), Convert.ToDouble(row[1]));
        Assert.Equal(Math.Round(avg, 2), update.GetProperty("avgMs").GetDouble());
        Assert.Equal(Math.Round(p95, 2), update.GetProperty("p95Ms").GetDouble());
    }

    [Fact]
    public async Task Active_alerts_and_the_telemetry_counters_are_part_of_the_answer()
    {
        var admin = await AdminAsync();
        await InsertKnownEventsAsync();

        var metrics = await OkJson(admin.GetAsync($"{Performance}/metrics"));

        Assert.Equal(["error_rate", "error_rate:task_updated"], AlertNames(metrics));
        Assert.Equal(0, metrics.GetProperty("telemetry").GetProperty("eventsDropped").GetInt64());
        Assert.True(metrics.GetProperty("database").GetProperty("commands").GetInt32() > 0);
        Assert.True(metrics.GetProperty("flagCache").GetProperty("reloads").GetInt64() > 0);
        Assert.Equal(0, metrics.GetProperty("webSockets").GetProperty("disconnectRatePercent").GetDouble());
    }

    [Fact]
    public async Task The_middleware_records_status_and_time_of_each_request_and_the_numbers_include_the_latest()
    {
        var (admin, beta) = await FeatureOnAsync();
        var client = Server.Client(beta);
        for (var i = 0; i < 3; i++) Assert.True((await client.GetAsync($"{MonitoringServer.Routes}/plan")).IsSuccessStatusCode);
        await AssertProblem(await client.GetAsync($"{MonitoringServer.Routes}/export"), 500);
        await AssertProblem(await Server.Client(await Server.CreateUserAsync("outsider@example.com")).GetAsync($"{MonitoringServer.Routes}/plan"), 404);

        var metrics = await OkJson(admin.GetAsync($"{Performance}/metrics?window=15m"));

        Assert.Equal((4, 0), (Operation(metrics, "plan_loaded").GetProperty("count").GetInt32(), Operation(metrics, "plan_loaded").GetProperty("errors").GetInt32()));
        Assert.Equal(1, Operation(metrics, "export_generated").GetProperty("errors").GetInt32());
        Assert.Equal([200, 200, 200, 404], (await EventsAsync("plan_loaded")).Select(e => e.StatusCode ?? 0));
        Assert.All(await EventsAsync("plan_loaded"), e => Assert.True(e.ResponseTimeMs > 0));
        var failure = Assert.Single(await AuditAsync("action_plan.export"));
        Assert.Equal(("error", false, beta.Id), (failure.Severity, failure.Success, failure.UserId));
        Assert.Contains("the export broke", failure.Details);
    }

    [Fact]
    public async Task Adoption_counts_active_users_the_feature_is_on_for_and_plan_engagement()
    {
        var (admin, beta) = await FeatureOnAsync();
        var free = await Server.CreateUserAsync("free@example.com", Tier.Free);
        await InsertAsync([Event("search_performed", 5, userId: beta.Id), Event("search_performed", 5, userId: free.Id)]);
        await PlansAsync(beta.Id, [TaskState.Completed, TaskState.Completed, TaskState.NotStarted], free.Id, [TaskState.InProgress]);

        var metrics = await OkJson(admin.GetAsync($"{Performance}/metrics"));

        var adoption = metrics.GetProperty("adoption").EnumerateArray().Single(a => a.GetProperty("flag").GetString() == Flag);
        Assert.Equal(3, adoption.GetProperty("activeUsers").GetInt32()); // the admin too: their flag changes are audited
        Assert.Equal(1, adoption.GetProperty("usersWithFeature").GetInt32());
        var plans = metrics.GetProperty("plans");
        Assert.Equal((2, 2, 2.0), (plans.GetProperty("usersWithPlans").GetInt32(), plans.GetProperty("plans").GetInt32(),
            plans.GetProperty("avgTasksPerPlan").GetDouble()));
        Assert.Equal((4, 2, 50.0), (plans.GetProperty("tasks").GetInt32(), plans.GetProperty("completedTasks").GetInt32(),
            plans.GetProperty("taskCompletionRatePercent").GetDouble()));
    }

    [Fact]
    public async Task A_window_other_than_15m_1h_or_24h_is_a_400_and_only_admins_may_ask()
    {
        var admin = await AdminAsync();
        var problem = await AssertProblem(await admin.GetAsync($"{Performance}/metrics?window=2h"), 400);
        Assert.Contains("15m, 1h, 24h", problem.GetProperty("errors").GetProperty("window")[0].GetString());

        var user = Server.Client(await Server.CreateUserAsync("user@example.com"));
        await AssertProblem(await user.GetAsync($"{Performance}/metrics"), 403);
        await AssertProblem(await user.GetAsync($"{Performance}/alerts"), 403);
        await AssertProblem(await Server.Client().GetAsync($"{Performance}/errors"), 401);
    }

    /// A plan per owner with tasks in the given states (total_tasks kept exact, as the plans feature keeps it).
    private Task PlansAsync(int firstOwner, TaskState[] firstTasks, int secondOwner, TaskState[] secondTasks) =>
        DbAsync(async db =>
        {
            foreach (var (owner, states) in new[] { (firstOwner, firstTasks), (secondOwner, secondTasks) })
            {
                var plan = new ActionPlan { UserId = owner, TemplateId = "software-startup", Title = "Plan", TotalTasks = states.Length,
                    CreatedAt = Now, UpdatedAt = Now };
                db.ActionPlans.Add(plan);
                await db.SaveChangesAsync();
                var phase = new PlanPhase { PlanId = plan.Id, Name = "Build", Position = "a0" };
                db.PlanPhases.Add(phase);
                await db.SaveChangesAsync();
                db.PlanTasks.AddRange(states.Select((state, i) => new PlanTask
                {
                    PlanId = plan.Id, PhaseId = phase.Id, Title = $"Task {i}", Position = $"a{i}", Status = state,
                    CreatedAt = Now, UpdatedAt = Now,
                }));
            }
            return await db.SaveChangesAsync();
        });
}

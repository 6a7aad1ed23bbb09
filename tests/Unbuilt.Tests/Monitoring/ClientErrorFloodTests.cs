using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;
using Unbuilt.Monitoring;
using Unbuilt.Tests.Plans;

namespace Unbuilt.Tests.Monitoring;

/// A guard that looks every second and acts on five requests, with policy rollback: the set-up in which a flood of
/// malformed requests once turned the feature off for everyone. Only error rates are judged here: the latency
/// thresholds are out of reach, so a slow, busy machine cannot make the guard act on something this is not about.
public sealed class GuardedServer : UnbuiltServer
{
    protected override IEnumerable<string> Settings =>
    [
        "Unbuilt:Guard:IntervalSeconds=1",
        "Unbuilt:Guard:WindowSeconds=60",
        "Unbuilt:Alerts:MinSamples=5",
        "Unbuilt:Alerts:ApiP95Ms=600000",
        "Unbuilt:Alerts:TaskUpdateP95Ms=600000",
        "Unbuilt:Alerts:DbQueryMs=600000",
        "Unbuilt:Rollout:MinSamples=20",
    ];
}

/// The outcome of a request is the status its client received: a client's mistakes are client errors, which no
/// error rate, alert, gate or guard counts.
public sealed class ClientErrorFloodTests(GuardedServer server) : PlanTest<GuardedServer>(server)
{
    private const string Flags = "/api/feature-flags";

    [Fact]
    public async Task A_flood_of_malformed_requests_is_recorded_as_client_errors_and_leaves_the_flag_on()
    {
        var member = await UserAsync("member@example.com");
        var admin = Server.Client(await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin));
        await OkJson(admin.PatchAsJsonAsync($"{Flags}/{Flag}", new { guardPolicy = "rollback" }));
        var memberId = (await OkJson(member.GetAsync("/api/me"))).GetProperty("id").GetInt32();
        await OkJson(admin.PostAsJsonAsync($"{Flags}/{Flag}/users", new { userId = memberId }));
        // A phase whose health gate judges the error rate alone (the latency gates would judge the machine's load).
        await OkJson(admin.PatchAsJsonAsync($"{Flags}/{Flag}", new
        {
            rolloutPlan = new object[]
            {
                new { name = "init", enabled = false, rolloutPercentage = 0 },
                new { name = "internal", enabled = true, rolloutPercentage = 0, healthGate = new { maxErrorRate = 0.001 } },
                new { name = "general", enabled = true, rolloutPercentage = 100 },
            },
        }));
        await OkJson(admin.PostAsJsonAsync($"{Flags}/{Flag}/deploy", new { phase = "internal" }));
        var plan = await CreatePlanAsync(member);
        var taskId = Id(Tasks(plan)[0]);
        for (var i = 0; i < 8; i++) await OkJson(member.PatchAsJsonAsync($"/api/tasks/{taskId}", new { title = $"Title {i}" }));

        for (var i = 0; i < 25; i++)
        {
            var malformed = new StringContent("{\"title\": ", Encoding.UTF8, "application/json");
            await AssertProblem(await member.PatchAsync($"/api/tasks/{taskId}", malformed), 400);
            var wrongType = new StringContent("{\"title\": 12}", Encoding.UTF8, "application/json");
            await AssertProblem(await member.PatchAsync($"/api/tasks/{taskId}", wrongType), 400);
        }

        await Server.Services.GetRequiredService<TelemetryWriter>().FlushAsync();
        var statuses = await DbAsync(db => db.AnalyticsEvents.Where(e => e.EventType == "task_updated")
            .GroupBy(e => e.StatusCode).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal([(200, 8), (400, 50)], statuses.OrderBy(s => s.Status).Select(s => (s.Status ?? 0, s.Count)));
        var severities = await DbAsync(db => db.SecurityAuditLogs.Where(l => l.Action == "action_plan.task_update")
            .GroupBy(l => l.Severity).Select(g => new { Severity = g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal([("info", 8), ("warning", 50)], severities.OrderBy(s => s.Severity).Select(s => (s.Severity, s.Count)));

        var metrics = await OkJson(admin.GetAsync("/api/performance/metrics?window=1h"));
        var updates = metrics.GetProperty("operations").EnumerateArray().Single(o => o.GetProperty("operation").GetString() == "task_updated");
        Assert.Equal((0, 0.0), (updates.GetProperty("errors").GetInt32(), updates.GetProperty("errorRatePercent").GetDouble()));
        Assert.True(updates.GetProperty("clientErrorRatePercent").GetDouble() > 80);
        Assert.Empty(metrics.GetProperty("alerts").EnumerateArray());
        var status = await OkJson(admin.GetAsync($"{Flags}/{Flag}/status"));
        Assert.Equal("healthy", status.GetProperty("health").GetString());
        Assert.True(status.GetProperty("clientErrorRatePercent").GetDouble() > 0);

        // The guard looks every second: give it a few looks, then the flag must still be on for everyone.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var flag = await OkJson(admin.GetAsync($"{Flags}/{Flag}"));
        Assert.True(flag.GetProperty("enabled").GetBoolean());
        var history = await OkJson(admin.GetAsync($"{Flags}/{Flag}/history"));
        Assert.DoesNotContain(history.EnumerateArray(), c => c.GetProperty("actor").GetString() == "guard");
        var errors = await OkJson(admin.GetAsync($"/api/performance/errors?feature={Flag}&since=1h"));
        Assert.Equal(0, errors.GetProperty("total").GetInt32());
        if (Server.Database.Provider == DatabaseProvider.Postgres)
        {
            // The deployment guide's error-rate SQL, as printed, on the rows the requests left.
            var row = await DbAsync(db => GuideKeyMetrics.RowAsync(db, GuideKeyMetrics.ErrorRate));
            Assert.Equal(0.0, Convert.ToDouble(row[^1]));
        }
    }

    [Fact]
    public async Task A_caller_the_flag_shuts_out_gets_the_gates_404_before_its_body_is_read()
    {
        await FeatureOnAsync();
        var admin = Server.Client(await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin));
        var outsider = await Server.CreateUserAsync("outsider@example.com");
        await OkJson(admin.PatchAsJsonAsync($"{Flags}/{Flag}", new { allowedTiers = new[] { "enterprise" } }));

        var problem = await AssertProblem(await Server.Client(outsider).PatchAsync("/api/tasks/1",
            new StringContent("{\"title\": ", Encoding.UTF8, "application/json")), 404);

        Assert.Equal(Flag, problem.GetProperty("feature").GetString());
        await Server.Services.GetRequiredService<TelemetryWriter>().FlushAsync();
        var recorded = await DbAsync(db => db.AnalyticsEvents.Where(e => e.EventType == "task_updated").Select(e => e.StatusCode).ToListAsync());
        Assert.Equal([404], recorded);
    }
}

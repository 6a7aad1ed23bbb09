using System.Data;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Data;
using Unbuilt.Data.Monitoring;
using Unbuilt.Monitoring;
using Unbuilt.Tests.Monitoring;

namespace Unbuilt.Tests.Plans;

/// The deployment guide's "Key Metrics to Track" queries, exactly as printed there (GuideKeyMetrics), on our schema.
/// (They use PostgreSQL syntax: on SQLite the test has nothing to check.)
public sealed class GuideMetricsTests(UnbuiltServer server) : PlanTest(server)
{
    [Fact]
    public async Task Every_key_metric_query_runs_unchanged_and_counts_what_the_api_did()
    {
        if (Server.Database.Provider == DatabaseProvider.Sqlite) return;

        var alice = await UserAsync("alice@example.com");
        var bob = await UserAsync("bob@example.com");
        var first = await CreatePlanAsync(alice, "invoicing for freelancers");
        var second = await CreatePlanAsync(alice, "pet insurance");
        var third = await CreatePlanAsync(bob, "rural clinics");
        var old = await CreatePlanAsync(bob, "restaurants");
        foreach (var plan in new[] { first, second, third }) await GetPlanAsync(Id(plan) == Id(third) ? bob : alice, Id(plan));
        foreach (var task in Tasks(first).Take(3)) await OkJson(alice.PatchAsJsonAsync($"/api/tasks/{Id(task)}", new { status = "completed" }));
        await DbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE action_plans SET created_at = now() - interval '8 days' WHERE id = {Id(old)}"));
        await DbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE plan_tasks SET created_at = now() - interval '8 days' WHERE plan_id = {Id(old)}"));
        await InsertLatenciesAsync();
        await TelemetryWrittenAsync(planLoads: 3, taskUpdates: 6);

        await DbAsync(async db =>
        {
            await using var snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead);
            var load = await GuideKeyMetrics.RowAsync(db, GuideKeyMetrics.PlanLoadTime);
            var loads = await db.AnalyticsEvents.Where(e => e.EventType == "plan_loaded" && e.Timestamp > DateTime.UtcNow.AddHours(-1))
                .Select(e => e.ResponseTimeMs!.Value).ToListAsync();
            Assert.Equal(3, loads.Count); // the three GETs above; the event from two hours ago is left out
            Assert.Equal(loads.Average(), Convert.ToDouble(load[0]), 6);
            Assert.Equal(GuideKeyMetrics.PercentileCont(loads, 0.95), Convert.ToDouble(load[1]), 6);
            Assert.True(Convert.ToDouble(load[1]) < 5000, "the event older than an hour is left out");

            var update = await GuideKeyMetrics.RowAsync(db, GuideKeyMetrics.TaskUpdateLatency);
            var updates = await db.AnalyticsEvents.Where(e => e.EventType == "task_updated" && e.Timestamp > DateTime.UtcNow.AddHours(-1))
                .Select(e => e.ResponseTimeMs!.Value).ToListAsync();
            Assert.Equal(3 + 3, updates.Count); // three from the API, three inserted
            Assert.Equal(updates.Average(), Convert.ToDouble(update[0]), 6);
            Assert.Equal(GuideKeyMetrics.PercentileCont(updates, 0.95), Convert.ToDouble(update[1]), 6);

            var adoption = await GuideKeyMetrics.RowAsync(db, GuideKeyMetrics.FeatureAdoption);
            Assert.Equal(2L, Convert.ToInt64(adoption[0]));
            Assert.Equal(3L, Convert.ToInt64(adoption[1]));
            var tasks = new[] { first, second, third }.Select(p => Tasks(p).Count).ToList();
            Assert.Equal(Math.Round((decimal)tasks.Average(), 10), Math.Round(Convert.ToDecimal(adoption[2]), 10));

            var completion = await GuideKeyMetrics.RowAsync(db, GuideKeyMetrics.TaskCompletionRate);
            Assert.Equal(3.0 / tasks.Sum() * 100, Convert.ToDouble(completion[0]), 6);

            var error = await GuideKeyMetrics.RowAsync(db, GuideKeyMetrics.ErrorRate);
            var audits = await db.SecurityAuditLogs.Where(l => l.Action.Contains("action_plan") && l.Timestamp > DateTime.UtcNow.AddHours(-1))
                .Select(l => l.Severity).ToListAsync();
            Assert.Contains("error", audits);
            Assert.Equal(100.0 * audits.Count(s => s == "error") / audits.Count, Convert.ToDouble(error[0]), 6);
            return 0;
        });
    }

    /// The middleware queues its rows as a request ends; wait (without a deadline in the assertion) until written.
    private async Task TelemetryWrittenAsync(int planLoads, int taskUpdates)
    {
        var writer = Server.Services.GetRequiredService<TelemetryWriter>();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await writer.FlushAsync();
            if (await DbAsync(db => db.AnalyticsEvents.CountAsync(e => e.EventType == "task_updated")) >= taskUpdates
                && await DbAsync(db => db.AnalyticsEvents.CountAsync(e => e.EventType == "plan_loaded")) >= planLoads + 1) return;
            await Task.Delay(20);
        }
    }

    private Task InsertLatenciesAsync() => DbAsync(async db =>
    {
        var now = DateTime.UtcNow;
        foreach (var ms in new[] { 12.0, 18.0, 250.0 })
            db.AnalyticsEvents.Add(new AnalyticsEvent { EventType = "task_updated", ResponseTimeMs = ms, Timestamp = now });
        db.AnalyticsEvents.Add(new AnalyticsEvent { EventType = "plan_loaded", ResponseTimeMs = 9000, Timestamp = now.AddHours(-2) });
        db.SecurityAuditLogs.Add(new SecurityAuditLog { Action = "action_plan.task_update", Severity = "error", Success = false, Timestamp = now });
        return await db.SaveChangesAsync();
    });
}

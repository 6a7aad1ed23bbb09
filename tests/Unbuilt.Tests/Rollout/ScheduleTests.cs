using System.Net.Http.Json;
using System.Text.Json;
using Unbuilt.Tests.Cli;
using Unbuilt.Tests.Monitoring;

namespace Unbuilt.Tests.Rollout;

/// Scheduled, guarded progression on the chaos server (the guard looks every second; five requests judge a phase;
/// task updates always fail, plan loads never do).
[Collection(nameof(CliCollection))]
public sealed class ScheduleTests(ChaosServer server) : MonitoringTest<ChaosServer>(server)
{
    private static readonly TimeSpan BoundedWait = TimeSpan.FromSeconds(15);

    private async Task<JsonElement> EntryByAsync(HttpClient admin, string actor)
    {
        var deadline = DateTime.UtcNow + BoundedWait;
        while (true)
        {
            var history = await OkJson(admin.GetAsync($"{Api}/{Flag}/history"));
            var entry = history.EnumerateArray().FirstOrDefault(c => c.GetProperty("actor").GetString() == actor);
            if (entry.ValueKind == JsonValueKind.Object) return entry;
            Assert.True(DateTime.UtcNow < deadline, $"No history entry by {actor} within the bounded wait.");
            await Task.Delay(100);
        }
    }

    private static JsonElement Step(JsonElement schedule, string phase) =>
        schedule.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("phase").GetString() == phase);

    private Task HealthyTrafficAsync() => InsertAsync(
        Enumerable.Range(0, 10).Select(i => Event(i % 2 == 0 ? "plan_loaded" : "task_updated", 20)));

    [Fact]
    public async Task A_phase_that_has_run_its_course_healthily_steps_up_by_itself_with_actor_schedule()
    {
        var (admin, _) = await FeatureOnAsync();
        await PhaseStartedAgoAsync(TimeSpan.FromDays(4));
        await HealthyTrafficAsync();

        var schedule = await OkJson(admin.PutAsJsonAsync($"{Api}/{Flag}/schedule", new { until = "beta", reason = "week one went well" }));
        Assert.True(schedule.GetProperty("scheduled").GetBoolean());
        Assert.Equal("beta", schedule.GetProperty("until").GetString());
        Assert.Empty(schedule.GetProperty("waitingFor").EnumerateArray());
        Assert.True(Step(schedule, "beta").GetProperty("scheduled").GetBoolean());
        Assert.False(Step(schedule, "expanded").GetProperty("scheduled").GetBoolean());

        var step = await EntryByAsync(admin, "schedule");

        Assert.Equal(("advance", "advance internal → beta, health healthy: scheduled"),
            (step.GetProperty("action").GetString(), step.GetProperty("reason").GetString()));
        Assert.Equal("beta", (await GetFlagAsync(admin)).GetProperty("phase").GetString());
        var history = await OkJson(admin.GetAsync($"{Api}/{Flag}/history"));
        var set = history.EnumerateArray().Single(c => c.GetProperty("action").GetString() == "schedule");
        Assert.Equal("advance by itself up to beta: week one went well", set.GetProperty("reason").GetString());
        // Its target reached, the schedule is over: the next step is a person's again.
        var after = await OkJson(admin.GetAsync($"{Api}/{Flag}/schedule"));
        Assert.False(after.GetProperty("scheduled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("until").ValueKind);
        Assert.Equal("current", Step(after, "beta").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_schedule_waits_for_the_planned_duration_and_the_evidence_and_says_so()
    {
        var (admin, _) = await FeatureOnAsync();
        await PhaseStartedAgoAsync(TimeSpan.FromDays(1));

        var schedule = await OkJson(admin.PutAsJsonAsync($"{Api}/{Flag}/schedule", new { }));

        Assert.Equal("general", schedule.GetProperty("until").GetString());
        Assert.Equal(["health unknown: 0 of the 5 requests needed", "the internal phase is planned for 3 d and has 2 d to go"],
            schedule.GetProperty("waitingFor").EnumerateArray().Select(w => w.GetString()!).ToArray());
        var current = Step(schedule, "internal");
        Assert.Equal("current", current.GetProperty("state").GetString());
        var started = current.GetProperty("startedAt").GetDateTime();
        Assert.Equal(started.AddDays(3), Step(schedule, "beta").GetProperty("earliestAt").GetDateTime());
        Assert.Equal(started.AddDays(10), Step(schedule, "expanded").GetProperty("earliestAt").GetDateTime());
        Assert.Equal(("next", "later"), (Step(schedule, "beta").GetProperty("state").GetString(),
            Step(schedule, "general").GetProperty("state").GetString()));

        // Several guard checks later, nothing has moved.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal("internal", (await GetFlagAsync(admin)).GetProperty("phase").GetString());
    }

    [Fact]
    public async Task A_breach_is_met_by_the_guard_policy_not_a_step_up_and_a_rollback_ends_the_schedule()
    {
        var (admin, beta) = await FeatureOnAsync();
        await OkJson(admin.PatchAsJsonAsync($"{Api}/{Flag}", new { guardPolicy = "rollback" }));
        await OkJson(admin.PutAsJsonAsync($"{Api}/{Flag}/schedule", new { until = "expanded" }));
        await PhaseStartedAgoAsync(TimeSpan.FromDays(4));

        var client = Server.Client(beta);
        for (var i = 0; i < 6; i++) await AssertProblem(await client.PatchAsync($"{MonitoringServer.Routes}/task", null), 503);
        var guard = await EntryByAsync(admin, "guard");

        Assert.Equal("rollback", guard.GetProperty("action").GetString());
        var history = await OkJson(admin.GetAsync($"{Api}/{Flag}/history"));
        Assert.DoesNotContain(history.EnumerateArray(), c => c.GetProperty("actor").GetString() == "schedule");
        var schedule = await OkJson(admin.GetAsync($"{Api}/{Flag}/schedule"));
        Assert.Equal((false, JsonValueKind.Null), (schedule.GetProperty("scheduled").GetBoolean(), schedule.GetProperty("until").ValueKind));
    }

    [Fact]
    public async Task Bad_schedules_are_refused_with_reasons_and_change_nothing()
    {
        var (admin, beta) = await FeatureOnAsync();

        var same = await AssertProblem(await admin.PutAsJsonAsync($"{Api}/{Flag}/schedule", new { until = "internal" }), 400);
        Assert.Contains("until must be a phase after the current one (internal): beta, expanded, general",
            same.GetProperty("errors").GetProperty("until")[0].GetString());
        var unknown = await AssertProblem(await admin.PutAsJsonAsync($"{Api}/{Flag}/schedule", new { until = "moon" }), 400);
        Assert.StartsWith("Unknown phase 'moon'", unknown.GetProperty("errors").GetProperty("until")[0].GetString());
        await AssertProblem(await admin.PutAsJsonAsync($"{Api}/{Flag}/schedule", new { reason = new string('x', 1001) }), 400);
        await AssertProblem(await admin.PutAsJsonAsync($"{Api}/nope/schedule", new { }), 404);
        await AssertProblem(await Server.Client(beta).PutAsJsonAsync($"{Api}/{Flag}/schedule", new { }), 403);
        await AssertProblem(await Server.Client(beta).GetAsync($"{Api}/{Flag}/schedule"), 403);
        await OkJson(admin.PostAsync($"{Api}/{Flag}/rollback", null));
        var rolledBack = await AssertProblem(await admin.PutAsJsonAsync($"{Api}/{Flag}/schedule", new { }), 409);
        Assert.Contains("deploy a phase first", rolledBack.GetProperty("detail").GetString());

        var history = await OkJson(admin.GetAsync($"{Api}/{Flag}/history"));
        Assert.DoesNotContain(history.EnumerateArray(), c => c.GetProperty("action").GetString() == "schedule");
    }

    [Fact]
    public async Task The_cli_schedules_shows_the_timeline_in_status_and_unschedules()
    {
        var (admin, _) = await FeatureOnAsync();
        string[] common = ["--url", Server.BaseAddress.ToString(), "--token", admin.DefaultRequestHeaders.Authorization!.Parameter!];

        var set = await CliRunner.RunAsync(["flags", "schedule", "--until", "expanded", "--reason", "go", .. common]);
        Assert.Equal(0, set.Exit);
        Assert.Contains("advancing by itself up to expanded", set.Out);
        Assert.Contains("Next step waits for: health unknown: 0 of the 5 requests needed", set.Out);
        // When the next step may come, to the second (a phase planned minutes ahead must not read as due a minute early).
        Assert.Matches(@"by itself, not before \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", set.Out);
        var status = await CliRunner.RunAsync(["flags", "status", .. common]);
        Assert.Contains("advancing by itself up to expanded", status.Out);

        var stop = await CliRunner.RunAsync(["flags", "unschedule", "--reason", "holiday", .. common]);
        Assert.Equal(0, stop.Exit);
        Assert.Contains("Schedule: none", stop.Out);
        var history = await OkJson(admin.GetAsync($"{Api}/{Flag}/history"));
        Assert.Equal("every further step by hand: holiday", history[0].GetProperty("reason").GetString());
        Assert.Equal("unschedule", history[0].GetProperty("action").GetString());
    }
}

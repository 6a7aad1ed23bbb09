using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Data.Monitoring;
using Unbuilt.Data.Plans;
using Unbuilt.Tests.Flags;

namespace Unbuilt.Tests.Rollout;

/// Small minimums, so a handful of seeded users, tasks and requests reach a verdict.
public sealed class CriteriaServer : UnbuiltServer
{
    protected override IEnumerable<string> Settings =>
    [
        "Unbuilt:Rollout:Criteria:MinUsers=4",
        "Unbuilt:Rollout:Criteria:MinTasks=10",
        "Unbuilt:Rollout:Criteria:MinRequests=20",
    ];
}

/// Success criteria per phase, from seeded users, plans and requests in two phases: internal (30 to 20 days ago,
/// six beta users with the feature and six active users without it) and general (the last 20 days, now).
public sealed class SuccessCriteriaTests(CriteriaServer server) : FlagTest<CriteriaServer>(server)
{
    private static DateTime Now => DateTime.UtcNow;

    [Fact]
    public async Task Each_phase_is_judged_over_its_own_window_with_values_samples_and_verdicts()
    {
        var (admin, anchor) = await ArrangeTwoPhasesAsync();

        var body = await OkJson(admin.GetAsync($"{Api}/{Flag}/criteria"));

        Assert.Equal(Flag, body.GetProperty("flag").GetString());
        var phases = body.GetProperty("phases").EnumerateArray().ToList();
        Assert.Equal(["general", "internal"], phases.Select(p => p.GetProperty("phase").GetString()));
        var (general, internalPhase) = (phases[0], phases[1]);
        Assert.True(general.GetProperty("current").GetBoolean());
        Assert.Equal(JsonValueKind.Null, general.GetProperty("to").ValueKind);
        Assert.False(internalPhase.GetProperty("current").GetBoolean());
        Assert.Equal(anchor.AddDays(-20), internalPhase.GetProperty("to").GetDateTime().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(anchor.AddDays(-30), internalPhase.GetProperty("from").GetDateTime().ToUniversalTime(), TimeSpan.FromMilliseconds(1));

        // internal: 4 of the 6 beta users made a plan; 12 of the 40 tasks of their plans are done; 1 of 40 requests
        // failed; plan loads of 1..20 ms, task updates of 100..290 ms; 4 of 6 with the feature came back a week
        // later, 2 of 6 without.
        Assert.Equal("fail", internalPhase.GetProperty("verdict").GetString());
        AssertCriterion(internalPhase, "engagement", 66.667, ">", 60, 6, 4, "pass");
        AssertCriterion(internalPhase, "task-completion", 30, ">", 40, 40, 10, "fail");
        AssertCriterion(internalPhase, "error-rate", 2.5, "<", 0.5, 40, 20, "fail");
        AssertCriterion(internalPhase, "plan-load-p95", 19.05, "<", 1000, 20, 20, "pass");
        AssertCriterion(internalPhase, "task-update-p95", 280.5, "<", 200, 20, 20, "fail");
        var returned = AssertCriterion(internalPhase, "return-rate", 66.667, ">=", 33.333, 6, 4, "pass");
        Assert.Equal(6, returned.GetProperty("baselineSample").GetInt32());

        // general: only the two users who came back are active in it, everyone has the feature, and nothing else
        // happened: too little for any verdict.
        Assert.Equal("not-enough-data", general.GetProperty("verdict").GetString());
        AssertCriterion(general, "engagement", 0, ">", 60, 2, 4, "not-enough-data");
        AssertCriterion(general, "task-completion", null, ">", 40, 0, 10, "not-enough-data");
        AssertCriterion(general, "error-rate", null, "<", 0.5, 0, 20, "not-enough-data");
        AssertCriterion(general, "plan-load-p95", null, "<", 1000, 0, 20, "not-enough-data");
        AssertCriterion(general, "task-update-p95", null, "<", 200, 0, 20, "not-enough-data");
        var generalReturn = AssertCriterion(general, "return-rate", 0, ">=", null, 2, 4, "not-enough-data");
        Assert.Equal(0, generalReturn.GetProperty("baselineSample").GetInt32());
    }

    [Fact]
    public async Task Status_carries_the_current_phase_criteria()
    {
        var (admin, _) = await ArrangeTwoPhasesAsync();

        var status = await OkJson(admin.GetAsync($"{Api}/{Flag}/status"));

        var criteria = status.GetProperty("criteria");
        Assert.Equal(("general", true, "not-enough-data"), (criteria.GetProperty("phase").GetString(),
            criteria.GetProperty("current").GetBoolean(), criteria.GetProperty("verdict").GetString()));
        Assert.Equal(6, criteria.GetProperty("criteria").GetArrayLength());
    }

    [Fact]
    public async Task A_phase_with_enough_evidence_that_meets_every_criterion_passes()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await DeployAsync(admin, "general");
        await PhaseStartedAgoAsync(TimeSpan.FromDays(1));
        var users = new List<int>();
        for (var i = 0; i < 4; i++) users.Add((await Server.CreateUserAsync($"p{i}@example.com")).Id);
        await ForgetArrangementAsync();
        await DbAsync(async db =>
        {
            db.AnalyticsEvents.AddRange(users.Select(u => Activity(u, Now.AddHours(-2))));
            db.AnalyticsEvents.AddRange(Enumerable.Range(0, 20).Select(i => Request("plan_loaded", 10 + i, 200, Now.AddHours(-1))));
            db.AnalyticsEvents.AddRange(Enumerable.Range(0, 20).Select(i => Request("task_updated", 10 + i, 200, Now.AddHours(-1))));
            db.ActionPlans.AddRange(users.Select(u => Plan(u, 5, 3, Now.AddHours(-1))));
            return await db.SaveChangesAsync();
        });

        var current = (await OkJson(admin.GetAsync($"{Api}/{Flag}/criteria"))).GetProperty("phases")[0];

        AssertCriterion(current, "engagement", 100, ">", 60, 4, 4, "pass");
        AssertCriterion(current, "task-completion", 60, ">", 40, 20, 10, "pass");
        AssertCriterion(current, "error-rate", 0, "<", 0.5, 40, 20, "pass");
        // Nobody was first seen a week ago yet: the return rate waits, so the phase as a whole does too.
        AssertCriterion(current, "return-rate", null, ">=", null, 0, 4, "not-enough-data");
        Assert.Equal("not-enough-data", current.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Phases_the_flag_was_off_in_are_left_out_and_a_phase_ends_where_the_next_change_of_phase_is()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await DeployAsync(admin, "internal");
        await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/rollback", new { }));
        await DeployAsync(admin, "beta");

        var phases = (await OkJson(admin.GetAsync($"{Api}/{Flag}/criteria"))).GetProperty("phases").EnumerateArray().ToList();

        Assert.Equal(["beta", "internal"], phases.Select(p => p.GetProperty("phase").GetString()));
        var history = (await OkJson(admin.GetAsync($"{Api}/{Flag}/history"))).EnumerateArray().ToList(); // newest first
        var rollback = history.Single(c => c.GetProperty("action").GetString() == "rollback").GetProperty("createdAt").GetDateTime();
        var enteredInternal = history.Single(c => c.GetProperty("action").GetString() == "deploy"
            && c.GetProperty("after").GetProperty("phase").GetString() == "internal").GetProperty("createdAt").GetDateTime();
        Assert.Equal((enteredInternal, rollback), (phases[1].GetProperty("from").GetDateTime(), phases[1].GetProperty("to").GetDateTime()));
        Assert.Equal(JsonValueKind.Null, phases[0].GetProperty("to").ValueKind);
    }

    [Fact]
    public async Task Criteria_are_for_admins_and_known_flags()
    {
        var admin = await AdminAsync();
        var user = Server.Client(await Server.CreateUserAsync("someone@example.com"));
        await InitAsync(admin);

        await AssertProblem(await user.GetAsync($"{Api}/{Flag}/criteria"), 403);
        await AssertProblem(await Server.Client().GetAsync($"{Api}/{Flag}/criteria"), 401);
        var missing = await AssertProblem(await admin.GetAsync($"{Api}/no_such_flag/criteria"), 404);
        Assert.Contains("no_such_flag", missing.GetProperty("detail").GetString());
    }

    /// Twelve users; the first six beta users of the internal phase, which ran from 30 to 20 days ago; general since.
    private async Task<(HttpClient Admin, DateTime Anchor)> ArrangeTwoPhasesAsync()
    {
        var admin = await AdminAsync();
        var users = new List<int>();
        for (var i = 0; i < 12; i++) users.Add((await Server.CreateUserAsync($"u{i}@example.com")).Id);
        await InitAsync(admin);
        foreach (var beta in users.Take(6)) await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = beta }));
        await DeployAsync(admin, "internal");
        await DeployAsync(admin, "general");
        var anchor = Now;
        await DbAsync(async db =>
        {
            var changes = await db.FeatureFlagChanges.Where(c => c.FlagName == Flag).OrderBy(c => c.Id).ToListAsync();
            var (enterInternal, enterGeneral) = (changes[^2], changes[^1]);
            foreach (var change in changes) change.CreatedAt = anchor.AddDays(-31);
            enterInternal.CreatedAt = anchor.AddDays(-30);
            enterGeneral.CreatedAt = anchor.AddDays(-20);
            await db.FeatureFlags.Where(f => f.Name == Flag).ExecuteUpdateAsync(u => u.SetProperty(f => f.PhaseStartedAt, anchor.AddDays(-20)));
            return await db.SaveChangesAsync();
        });
        await ForgetArrangementAsync();

        await DbAsync(async db =>
        {
            db.AnalyticsEvents.AddRange(users.Select(u => Activity(u, Now.AddDays(-29))));
            db.ActionPlans.AddRange(users.Take(4).Select(u => Plan(u, 10, 3, Now.AddDays(-28))));
            db.AnalyticsEvents.AddRange(users.Take(4).Select(u => Activity(u, Now.AddDays(-21)))); // back 8 days later
            db.AnalyticsEvents.AddRange(users.Skip(6).Take(2).Select(u => Activity(u, Now.AddDays(-15)))); // back 14 days later
            db.AnalyticsEvents.AddRange(Enumerable.Range(1, 20).Select(ms => Request("plan_loaded", ms, ms == 1 ? 500 : 200, Now.AddDays(-25))));
            db.AnalyticsEvents.AddRange(Enumerable.Range(0, 20).Select(i => Request("task_updated", 100 + 10 * i, i == 0 ? 404 : 200, Now.AddDays(-25))));
            db.AnalyticsEvents.AddRange(Enumerable.Range(0, 50).Select(_ => Request("plan_loaded", 5000, 500, Now.AddDays(-35)))); // before
            return await db.SaveChangesAsync();
        });
        return (admin, anchor);
    }

    /// The arrangement's own traffic (the admin's flag changes, the accounts made) is not the phases' traffic.
    private Task ForgetArrangementAsync() => DbAsync(async db =>
        await db.SecurityAuditLogs.ExecuteDeleteAsync() + await db.AnalyticsEvents.ExecuteDeleteAsync());

    private static AnalyticsEvent Activity(int userId, DateTime at) =>
        new() { EventType = "search_performed", UserId = userId, ResponseTimeMs = 5, StatusCode = 200, Timestamp = at };

    private static AnalyticsEvent Request(string type, double ms, int status, DateTime at) =>
        new() { EventType = type, ResponseTimeMs = ms, StatusCode = status, Timestamp = at };

    private static ActionPlan Plan(int owner, int tasks, int completed, DateTime at) => new()
    {
        UserId = owner, TemplateId = "software-startup", Title = "Plan", TotalTasks = tasks, CompletedTasks = completed,
        CreatedAt = at, UpdatedAt = at,
    };

    private static JsonElement AssertCriterion(JsonElement phase, string name, double? value, string comparison,
        double? threshold, int sample, int minSample, string verdict)
    {
        var c = phase.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        Assert.Equal((name, value, comparison, threshold, sample, minSample, verdict),
            (name, Number(c, "value"), c.GetProperty("comparison").GetString(), Number(c, "threshold"),
                c.GetProperty("sample").GetInt32(), c.GetProperty("minSample").GetInt32(), c.GetProperty("verdict").GetString()));
        return c;
    }

    private static double? Number(JsonElement e, string property) =>
        e.GetProperty(property) is { ValueKind: JsonValueKind.Number } n ? n.GetDouble() : null;
}

using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.FlagEngine;
using Unbuilt.Rollout;
using Unbuilt.Tests.Flags;

namespace Unbuilt.Tests.Rollout;

/// Health measurements a test sets, in place of monitoring's.
public sealed class FakeRolloutHealth : IRolloutHealth
{
    public PhaseHealth? Measured { get; set; }

    public Task<PhaseHealth?> ReadAsync(string flagName, DateTime since, CancellationToken ct) => Task.FromResult(Measured);
}

public sealed class FakeHealthServer : UnbuiltServer
{
    public FakeRolloutHealth Health { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IRolloutHealth>(Health);
}

/// init → internal → beta → expanded → general by `advance`, held back by a breached or unknown health gate, or a
/// planned duration not yet run, unless forced.
public sealed class RolloutTests(FakeHealthServer server) : FlagTest<FakeHealthServer>(server), IDisposable
{
    private static readonly HealthReading Healthy = new(ErrorRate: 0.001, TaskUpdateP95Ms: 50, PlanLoadP95Ms: 300);
    private static readonly TimeSpan PastBeta = TimeSpan.FromDays(8);

    public void Dispose() => Server.Health.Measured = null;

    private Task<HttpResponseMessage> AdvanceAsync(HttpClient admin, bool force = false, string? reason = null) =>
        admin.PostAsJsonAsync($"{Api}/{Flag}/advance", new { force, reason });

    private async Task<JsonElement> LatestChangeAsync(HttpClient admin) => (await OkJson(admin.GetAsync($"{Api}/{Flag}/history")))[0];

    [Fact]
    public async Task Advance_walks_the_plan_with_force_and_stops_at_the_last_phase()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);

        foreach (var phase in new[] { "internal", "beta", "expanded", "general" })
            Assert.Equal(phase, (await OkJson(AdvanceAsync(admin, force: true))).GetProperty("phase").GetString());

        var problem = await AssertProblem(await admin.PostAsync($"{Api}/{Flag}/advance", null), 409);
        Assert.Contains("last phase, general", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_phase_with_no_gate_and_no_planned_duration_is_left_without_evidence()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);

        Assert.Equal("internal", (await OkJson(admin.PostAsync($"{Api}/{Flag}/advance", null))).GetProperty("phase").GetString());
        Assert.Equal("advance init → internal, health none", (await LatestChangeAsync(admin)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Unknown_health_holds_advance_back_and_says_how_many_requests_are_missing()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await DeployAsync(admin, "beta");
        await PhaseStartedAgoAsync(PastBeta);
        Server.Health.Measured = new PhaseHealth(Requests: 12, ClientErrors: 0, Healthy);

        var problem = await AssertProblem(await AdvanceAsync(admin), 409);

        Assert.Equal("Cannot advance action_plan_customization past beta yet. Health unknown: 12 of the 100 requests needed. " +
            "Advance with force to go ahead anyway; the flag's history records it.", problem.GetProperty("detail").GetString());
        Assert.Equal((12, 100, "unknown"), (problem.GetProperty("requests").GetInt32(), problem.GetProperty("requestsNeeded").GetInt32(),
            problem.GetProperty("health").GetString()));
        Assert.Equal(["health unknown: 12 of the 100 requests needed"], Strings(problem, "reasons"));
        Assert.Equal("beta", (await GetFlagAsync(admin)).GetProperty("phase").GetString());
    }

    [Fact]
    public async Task A_phase_is_not_left_before_its_planned_duration_and_the_refusal_says_what_remains()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await DeployAsync(admin, "beta");
        await PhaseStartedAgoAsync(new TimeSpan(4, 21, 0, 0));
        Server.Health.Measured = new PhaseHealth(Requests: 500, ClientErrors: 0, Healthy);

        var problem = await AssertProblem(await AdvanceAsync(admin), 409);

        Assert.Contains("The beta phase is planned for 7 d and has 2 d 3 h to go.", problem.GetProperty("detail").GetString());
        Assert.Equal(["the beta phase is planned for 7 d and has 2 d 3 h to go"], Strings(problem, "reasons"));
        Assert.Equal(7 * 86_400, problem.GetProperty("plannedDurationSeconds").GetInt64());
        Assert.InRange(problem.GetProperty("remainingSeconds").GetInt64(), 2 * 86_400, (2 * 24 + 3) * 3600);
        Assert.Equal("healthy", problem.GetProperty("health").GetString());
    }

    [Fact]
    public async Task Force_overrides_unknown_health_and_time_and_the_history_says_it_was_forced()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await DeployAsync(admin, "beta");
        await PhaseStartedAgoAsync(new TimeSpan(4, 21, 0, 0));
        Server.Health.Measured = new PhaseHealth(Requests: 12, ClientErrors: 0, Healthy);
        var problem = await AssertProblem(await AdvanceAsync(admin), 409);
        Assert.Equal(2, problem.GetProperty("reasons").GetArrayLength());

        var forced = await OkJson(AdvanceAsync(admin, force: true, reason: "the launch cannot wait"));

        Assert.Equal("expanded", forced.GetProperty("phase").GetString());
        var latest = await LatestChangeAsync(admin);
        Assert.Equal("advance", latest.GetProperty("action").GetString());
        Assert.Equal("advance beta → expanded, forced past health unknown: 12 of the 100 requests needed; " +
            "the beta phase is planned for 7 d and has 2 d 3 h to go: the launch cannot wait", latest.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_breached_gate_holds_advance_back_and_force_is_recorded()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await DeployAsync(admin, "beta");
        await PhaseStartedAgoAsync(PastBeta);
        Server.Health.Measured = new PhaseHealth(Requests: 500, ClientErrors: 0, new HealthReading(ErrorRate: 0.02, TaskUpdateP95Ms: 150));

        var problem = await AssertProblem(await AdvanceAsync(admin), 409);
        Assert.Contains("Health breached: error rate 2% is not below 0.5%.", problem.GetProperty("detail").GetString());
        Assert.Equal(["error rate 2% is not below 0.5%"], Strings(problem, "breaches"));
        Assert.Equal("beta", (await GetFlagAsync(admin)).GetProperty("phase").GetString());

        var forced = await OkJson(AdvanceAsync(admin, force: true, reason: "known noisy test"));
        Assert.Equal("expanded", forced.GetProperty("phase").GetString());
        Assert.Equal("advance beta → expanded, forced past health breached: error rate 2% is not below 0.5%: known noisy test",
            (await LatestChangeAsync(admin)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task After_the_planned_duration_with_enough_healthy_requests_advance_goes_ahead_unforced()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await DeployAsync(admin, "beta");
        await PhaseStartedAgoAsync(PastBeta);
        Server.Health.Measured = new PhaseHealth(Requests: 100, ClientErrors: 40, Healthy); // client errors are not judged

        Assert.Equal("expanded", (await OkJson(AdvanceAsync(admin))).GetProperty("phase").GetString());
        Assert.Equal("advance beta → expanded, health healthy", (await LatestChangeAsync(admin)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_flag_no_operation_is_gated_by_has_no_measurable_health_and_is_advanced_only_with_force()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await DeployAsync(admin, "beta");
        await PhaseStartedAgoAsync(PastBeta);

        var problem = await AssertProblem(await AdvanceAsync(admin), 409);

        Assert.Contains("Health unknown: no operation is gated by this flag, so none is measured.", problem.GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Null, problem.GetProperty("requests").ValueKind);
        Assert.Equal("expanded", (await OkJson(AdvanceAsync(admin, force: true))).GetProperty("phase").GetString());
    }

    [Fact]
    public async Task Advance_after_a_rollback_or_a_custom_state_asks_for_a_deploy()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await DeployAsync(admin, "beta");
        await OkJson(admin.PostAsync($"{Api}/{Flag}/rollback", null));

        var problem = await AssertProblem(await admin.PostAsync($"{Api}/{Flag}/advance", null), 409);

        Assert.Contains("deploy a phase first", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Status_shows_phase_time_plan_and_health_against_the_gate_with_the_client_error_rate_beside_it()
    {
        var admin = await AdminAsync();
        var tester = await Server.CreateUserAsync("tester@example.com");
        await InitAsync(admin);
        await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = tester.Id }));
        await DeployAsync(admin, "beta");

        var status = await OkJson(admin.GetAsync($"{Api}/{Flag}/status"));
        Assert.Equal("beta", status.GetProperty("phase").GetString());
        Assert.Equal("expanded", status.GetProperty("nextPhase").GetString());
        Assert.Equal(7 * 24 * 3600, status.GetProperty("plannedDurationSeconds").GetInt64());
        Assert.InRange(status.GetProperty("timeInPhaseSeconds").GetInt64(), 0, 3600);
        Assert.Equal([tester.Id], Ints(status, "allowedUserIds"));
        Assert.Equal(["init", "internal", "beta", "expanded", "general"], Strings(status, "phases"));
        Assert.Equal("unknown", status.GetProperty("health").GetString());
        Assert.Equal(100, status.GetProperty("healthMinSamples").GetInt32());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("healthRequests").ValueKind);
        Assert.Equal(0.005, status.GetProperty("healthGate").GetProperty("maxErrorRate").GetDouble());

        Server.Health.Measured = new PhaseHealth(Requests: 12, ClientErrors: 3, Healthy);
        status = await OkJson(admin.GetAsync($"{Api}/{Flag}/status"));
        Assert.Equal(("unknown", 12), (status.GetProperty("health").GetString(), status.GetProperty("healthRequests").GetInt32()));
        Assert.Equal((3, 25.0), (status.GetProperty("clientErrors").GetInt32(), status.GetProperty("clientErrorRatePercent").GetDouble()));

        Server.Health.Measured = new PhaseHealth(Requests: 400, ClientErrors: 200,
            new HealthReading(ErrorRate: 0.001, TaskUpdateP95Ms: 250, PlanLoadP95Ms: 400));
        status = await OkJson(admin.GetAsync($"{Api}/{Flag}/status"));
        Assert.Equal("breached", status.GetProperty("health").GetString());
        Assert.Equal(["task update p95 250 ms is not below 200 ms"], Strings(status, "healthBreaches"));
        Assert.Equal(50.0, status.GetProperty("clientErrorRatePercent").GetDouble());
    }

    [Fact]
    public async Task The_phase_clock_restarts_only_when_the_phase_changes()
    {
        var admin = await AdminAsync();
        var tester = await Server.CreateUserAsync("tester@example.com");
        await InitAsync(admin);
        var since = (await DeployAsync(admin, "internal")).GetProperty("phaseStartedAt").GetDateTime();

        var afterUser = await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = tester.Id }));
        var redeployed = await DeployAsync(admin, "internal");

        Assert.Equal(since, afterUser.GetProperty("phaseStartedAt").GetDateTime());
        Assert.Equal(since, redeployed.GetProperty("phaseStartedAt").GetDateTime());
        Assert.True((await DeployAsync(admin, "beta")).GetProperty("phaseStartedAt").GetDateTime() >= since);
    }
}

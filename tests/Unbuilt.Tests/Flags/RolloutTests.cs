using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Flags;

namespace Unbuilt.Tests.Flags;

/// Health readings a test sets, in place of monitoring's.
public sealed class FakeRolloutHealth : IRolloutHealth
{
    public HealthReading? Reading { get; set; }

    public Task<HealthReading?> ReadAsync(string flagName, DateTime since, CancellationToken ct) => Task.FromResult(Reading);
}

public sealed class FakeHealthServer : UnbuiltServer
{
    public FakeRolloutHealth Health { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IRolloutHealth>(Health);
}

/// init → internal → beta → expanded → general by `advance`, held back by a breached health gate unless forced.
public sealed class RolloutTests(FakeHealthServer server) : FlagTest<FakeHealthServer>(server), IDisposable
{
    public void Dispose() => Server.Health.Reading = null;

    [Fact]
    public async Task Advance_walks_the_plan_and_stops_at_the_last_phase()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);

        foreach (var phase in new[] { "internal", "beta", "expanded", "general" })
            Assert.Equal(phase, (await OkJson(admin.PostAsync($"{Api}/{Flag}/advance", null))).GetProperty("phase").GetString());

        var problem = await AssertProblem(await admin.PostAsync($"{Api}/{Flag}/advance", null), 409);
        Assert.Contains("last phase, general", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_breached_gate_holds_advance_back_and_force_is_recorded()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await DeployAsync(admin, "beta");
        Server.Health.Reading = new HealthReading(ErrorRate: 0.02, TaskUpdateP95Ms: 150);

        var problem = await AssertProblem(await admin.PostAsJsonAsync($"{Api}/{Flag}/advance", new { force = false }), 409);
        Assert.Contains("error rate 2% is not below 0.5%", problem.GetProperty("detail").GetString());
        Assert.Equal("beta", (await GetFlagAsync(admin)).GetProperty("phase").GetString());

        var forced = await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/advance", new { force = true, reason = "known noisy test" }));
        Assert.Equal("expanded", forced.GetProperty("phase").GetString());
        var latest = (await OkJson(admin.GetAsync($"{Api}/{Flag}/history")))[0];
        Assert.Equal("advance", latest.GetProperty("action").GetString());
        Assert.Equal("advance beta → expanded, forced (health breached: error rate 2% is not below 0.5%): known noisy test",
            latest.GetProperty("reason").GetString());
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
    public async Task Status_shows_phase_time_plan_and_health_against_the_gate()
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
        Assert.Equal(0.005, status.GetProperty("healthGate").GetProperty("maxErrorRate").GetDouble());

        Server.Health.Reading = new HealthReading(ErrorRate: 0.001, TaskUpdateP95Ms: 250, PlanLoadP95Ms: 400);
        status = await OkJson(admin.GetAsync($"{Api}/{Flag}/status"));
        Assert.Equal("breached", status.GetProperty("health").GetString());
        Assert.Equal(["task update p95 250 ms is not below 200 ms"], Strings(status, "healthBreaches"));
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

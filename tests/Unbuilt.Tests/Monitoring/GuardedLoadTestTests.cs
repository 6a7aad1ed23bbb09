using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Unbuilt.Data.Accounts;
using Unbuilt.LoadTest;
using Unbuilt.Monitoring;
using Unbuilt.Rollout;
using Unbuilt.Tests.Cli;
using Unbuilt.Tests.Flags;

namespace Unbuilt.Tests.Monitoring;

/// Issue 6's drill, end to end through the product's own verbs: the chaos drill fails half the real task updates
/// (PATCH /api/tasks/{id}), `unbuilt loadtest` drives the real app, and the guard, policy rollback, switches the flag off.
[Collection(nameof(CliCollection))]
public sealed class GuardedLoadTestTests(GuardedChaosServer server) : FlagTest<GuardedChaosServer>(server)
{
    private string token = "";

    private Task<CliRunner.Result> Cli(params string[] args) =>
        CliRunner.RunAsync([.. args, "--url", Server.BaseAddress.ToString(), "--token", token]);

    [Fact]
    public async Task Failing_task_updates_under_load_roll_the_flag_back_within_two_guard_intervals_and_loadtest_exits_2()
    {
        token = (await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin)).Token;
        foreach (var step in new[] { "init", "deploy internal", "guard rollback" })
            Assert.Equal(0, (await Cli(["flags", .. step.Split(' ')])).Exit);
        var phaseStarted = JsonDocument.Parse((await Cli("flags", "status", "--json")).Out).RootElement
            .GetProperty("phaseStartedAt").GetDateTimeOffset().UtcDateTime;

        var run = await Cli("loadtest", "--load", "3", "--duration", "5s", "--tasks", "10", "--no-ceiling", "--think-ms", "100", "--warm-up", "0");

        Assert.True(run.Exit == Verdict.Failures, $"exit {run.Exit}\n{run.Out}\n{run.Error}");
        var history = JsonDocument.Parse((await Cli("flags", "history", "--json")).Out).RootElement.EnumerateArray().ToList();
        var guard = Assert.Single(history, c => c.GetProperty("actor").GetString() == "guard");
        Assert.Equal("rollback", guard.GetProperty("action").GetString());
        var reason = guard.GetProperty("reason").GetString()!;
        Assert.Matches(@"^rolled back: .*error rate [0-9.]+% > 1% \([0-9]+ of [0-9]+ requests failed\)", reason);
        Assert.Contains("in phase internal", reason);
        var verdict = run.Out.TrimEnd().Split('\n')[^1];
        Assert.StartsWith($"FAIL: {Flag} was switched off during the run by guard ({reason});", verdict);
        Assert.Contains("requests failed", verdict);
        var status = JsonDocument.Parse((await Cli("flags", "status", "--json")).Out).RootElement;
        Assert.Equal((false, "rollback"), (status.GetProperty("enabled").GetBoolean(), status.GetProperty("phase").GetString()));

        var rolledBackAt = guard.GetProperty("createdAt").GetDateTimeOffset().UtcDateTime;
        var breachedAt = await FirstBreachAsync(phaseStarted);
        var interval = Server.Services.GetRequiredService<IOptions<GuardOptions>>().Value.Interval;
        Assert.True(rolledBackAt - breachedAt <= 2 * interval,
            $"the threshold broke at {breachedAt:O}; the guard rolled back at {rolledBackAt:O}, more than two {interval.TotalSeconds} s intervals later");

        await AssertErrorLogListsTheInjectedFailuresAsync();
    }

    /// When the feature's requests first broke the error-rate threshold as the guard counts them (its operations
    /// since the phase began, once there are MinSamples of them): the earliest moment the guard could have acted.
    private async Task<DateTime> FirstBreachAsync(DateTime phaseStarted)
    {
        var operations = Server.Services.GetRequiredService<FeatureOperations>().EventTypesFor(Flag);
        var limits = Server.Services.GetRequiredService<IOptions<AlertOptions>>().Value;
        var events = await DbAsync(db => db.AnalyticsEvents.AsNoTracking()
            .Where(e => e.Timestamp >= phaseStarted && operations.Contains(e.EventType))
            .OrderBy(e => e.Timestamp).ThenBy(e => e.Id).Select(e => new { e.Timestamp, e.StatusCode }).ToListAsync());
        var (count, errors) = (0, 0);
        foreach (var e in events)
        {
            count++;
            if (e.StatusCode >= 500) errors++;
            if (count >= limits.MinSamples && 100.0 * errors / count > limits.ErrorRatePercent)
                return DateTime.SpecifyKind(e.Timestamp, DateTimeKind.Utc);
        }
        Assert.Fail($"The feature's {count} requests never broke the error-rate threshold ({errors} failed).");
        return default;
    }

    /// Every injected failure, and nothing else, is listed by `logs errors --feature`, each with its request id.
    private async Task AssertErrorLogListsTheInjectedFailuresAsync()
    {
        var injected = await DbAsync(db => db.AnalyticsEvents.CountAsync(e => e.EventType == "task_updated" && e.StatusCode == 503));
        Assert.True(injected > 0);

        var table = await Cli("logs", "errors", "--feature", Flag, "--limit", "1000");
        Assert.Equal(0, table.Exit);
        Assert.Contains($"{injected} error{(injected == 1 ? "" : "s")} in {Flag}", table.Out);
        var json = await Cli("logs", "errors", "--feature", Flag, "--limit", "1000", "--json");
        var errors = JsonDocument.Parse(json.Out).RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(injected, errors.Count);
        Assert.All(errors, e => Assert.Equal(("task_updated", "action_plan.task_update", 503),
            (e.GetProperty("operation").GetString(), e.GetProperty("action").GetString(), e.GetProperty("status").GetInt32())));
        Assert.All(errors, e => Assert.Equal("chaos drill: injected failure of task_updated", e.GetProperty("message").GetString()));
        var requestIds = errors.Select(e => e.GetProperty("requestId").GetString()).ToList();
        Assert.All(requestIds, id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.Equal(injected, requestIds.Distinct().Count());
        var users = await DbAsync(db => db.Users.Where(u => u.Email.EndsWith("@loadtest.invalid")).Select(u => u.Id).ToListAsync());
        Assert.All(errors, e => Assert.Contains(e.GetProperty("userId").GetInt32(), users));
    }
}

/// The drill as the deployment runbook describes it (half the task updates fail), and a guard that looks every
/// two seconds; every other setting, the alert thresholds included, as shipped.
public sealed class GuardedChaosServer : UnbuiltServer
{
    protected override IEnumerable<string> Settings =>
    [
        "Unbuilt:Chaos:FailureRate=0.5",
        "Unbuilt:Chaos:Operations=task_updated",
        "Unbuilt:Guard:IntervalSeconds=2",
    ];
}

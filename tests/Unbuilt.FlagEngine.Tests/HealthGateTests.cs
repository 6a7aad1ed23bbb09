using Unbuilt.FlagEngine;

namespace Unbuilt.FlagEngine.Tests;

public sealed class HealthGateTests
{
    private static readonly HealthGate Beta = RolloutPlan.Default.Find("beta")!.HealthGate!;

    [Fact]
    public void A_healthy_reading_meets_the_gate() =>
        Assert.True(Beta.IsMetBy(new HealthReading(ErrorRate: 0.001, TaskUpdateP95Ms: 40, PlanLoadP95Ms: 300)));

    [Fact]
    public void Limits_are_strict_and_every_breach_is_named()
    {
        var reading = new HealthReading(ErrorRate: 0.005, TaskUpdateP95Ms: 200, PlanLoadP95Ms: 1200);

        Assert.Equal(
            ["error rate 0.5% is not below 0.5%", "task update p95 200 ms is not below 200 ms", "plan load p95 1200 ms is not below 1000 ms"],
            Beta.Breaches(reading));
        Assert.False(Beta.IsMetBy(reading));
    }

    [Fact]
    public void A_missing_latency_breaks_nothing_and_an_unset_limit_is_not_checked()
    {
        Assert.True(Beta.IsMetBy(new HealthReading(ErrorRate: 0)));
        Assert.True(new HealthGate(0.01).IsMetBy(new HealthReading(0, TaskUpdateP95Ms: 10_000, PlanLoadP95Ms: 10_000)));
    }
}

using Unbuilt.FlagEngine;

namespace Unbuilt.FlagEngine.Tests;

public sealed class RolloutPlanValidationTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void A_phase_percentage_must_be_0_to_100(int percentage) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RolloutPhase("p", true, percentage));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("rollback")]
    [InlineData("Rollback")]
    public void A_phase_needs_a_name_that_is_not_rollback(string name) =>
        Assert.Throws<ArgumentException>(() => new RolloutPhase(name, true, 10));

    [Fact]
    public void A_planned_duration_is_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RolloutPhase("p", true, 10, plannedDuration: TimeSpan.Zero));

    [Fact]
    public void Phase_names_are_unique_ignoring_case() =>
        Assert.Throws<ArgumentException>(() => new RolloutPlan([new("beta", true, 10), new("Beta", true, 20)]));

    [Fact]
    public void Two_phases_may_not_deploy_the_same_state() =>
        Assert.Throws<ArgumentException>(() => new RolloutPlan(
            [new("one", true, 10, [UserTier.Pro]), new("two", true, 10, [UserTier.Pro, UserTier.Pro])]));

    [Fact]
    public void A_plan_needs_a_phase() => Assert.Throws<ArgumentException>(() => new RolloutPlan([]));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_gate_error_rate_is_a_fraction(double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HealthGate(rate));

    [Fact]
    public void A_gate_latency_is_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HealthGate(0.01, MaxTaskUpdateP95Ms: 0));
}

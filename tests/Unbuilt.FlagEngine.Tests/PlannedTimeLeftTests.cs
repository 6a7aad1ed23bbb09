using Unbuilt.FlagEngine;

namespace Unbuilt.FlagEngine.Tests;

/// A phase is not left before its planned duration has run: what is left of it after a time in the phase.
public sealed class PlannedTimeLeftTests
{
    private static readonly RolloutPhase Beta = RolloutPlan.Default.Find("beta")!;

    [Fact]
    public void The_rest_of_the_planned_duration_is_left()
    {
        Assert.Equal(TimeSpan.FromDays(7), Beta.PlannedTimeLeft(TimeSpan.Zero));
        Assert.Equal(new TimeSpan(2, 3, 0, 0), Beta.PlannedTimeLeft(new TimeSpan(4, 21, 0, 0)));
        Assert.Equal(TimeSpan.FromTicks(1), Beta.PlannedTimeLeft(TimeSpan.FromDays(7) - TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void Nothing_is_left_once_the_duration_has_run()
    {
        Assert.Equal(TimeSpan.Zero, Beta.PlannedTimeLeft(TimeSpan.FromDays(7)));
        Assert.Equal(TimeSpan.Zero, Beta.PlannedTimeLeft(TimeSpan.FromDays(30)));
    }

    [Fact]
    public void An_open_ended_phase_has_nothing_left_and_a_negative_time_counts_as_none()
    {
        Assert.Equal(TimeSpan.Zero, RolloutPlan.Default.Find("general")!.PlannedTimeLeft(TimeSpan.Zero));
        Assert.Equal(TimeSpan.Zero, RolloutPlan.Default.Find("init")!.PlannedTimeLeft(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromDays(7), Beta.PlannedTimeLeft(TimeSpan.FromHours(-1)));
    }
}

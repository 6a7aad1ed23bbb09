using Unbuilt.FlagEngine;

namespace Unbuilt.FlagEngine.Tests;

public sealed class RolloutPlanTests
{
    private static readonly RolloutPlan Plan = RolloutPlan.Default;

    [Fact]
    public void The_default_plan_is_the_table_in_the_design()
    {
        Assert.Equal(
            [
                "init (off, 0%, tiers [])",
                "internal (on, 0%, tiers [])",
                "beta (on, 10%, tiers [pro, enterprise])",
                "expanded (on, 50%, tiers [pro, enterprise])",
                "general (on, 100%, tiers [])",
            ],
            Plan.Phases.Select(p => p.ToString()));
        Assert.Equal(
            [null, TimeSpan.FromDays(3), TimeSpan.FromDays(7), TimeSpan.FromDays(7), null],
            Plan.Phases.Select(p => p.PlannedDuration));
    }

    [Fact]
    public void The_default_health_gates_are_the_table_in_the_design()
    {
        var beta = new HealthGate(MaxErrorRate: 0.005, MaxTaskUpdateP95Ms: 200, MaxPlanLoadP95Ms: 1000);

        Assert.Null(Plan.Find("init")!.HealthGate);
        Assert.Equal(new HealthGate(MaxErrorRate: 0.001, MaxTaskUpdateP95Ms: 200), Plan.Find("internal")!.HealthGate);
        Assert.Equal(beta, Plan.Find("beta")!.HealthGate);
        Assert.Equal(beta, Plan.Find("expanded")!.HealthGate);
        Assert.Null(Plan.Find("general")!.HealthGate);
    }

    [Theory]
    [InlineData("beta", "beta")]
    [InlineData("BETA", "beta")]
    [InlineData("General", "general")]
    public void Find_ignores_case(string name, string expected) => Assert.Equal(expected, Plan.Find(name)?.Name);

    [Theory]
    [InlineData("rollback")]
    [InlineData("gamma")]
    [InlineData("")]
    public void Find_answers_null_for_a_name_that_is_not_a_phase(string name) => Assert.Null(Plan.Find(name));

    [Fact]
    public void Next_and_previous_walk_the_sequence()
    {
        string[] names = [.. Plan.Phases.Select(p => p.Name)];

        for (int i = 0; i < names.Length; i++)
        {
            RolloutPhase phase = Plan.Find(names[i])!;
            Assert.Equal(i + 1 < names.Length ? names[i + 1] : null, Plan.Next(phase)?.Name);
            Assert.Equal(i > 0 ? names[i - 1] : null, Plan.Previous(phase)?.Name);
        }
    }

    [Fact]
    public void Next_of_a_phase_from_another_plan_throws()
    {
        var stranger = new RolloutPhase("canary", enabled: true, rolloutPercentage: 1);

        Assert.Throws<ArgumentException>(() => Plan.Next(stranger));
    }

    [Theory]
    [InlineData(false, 0, "", "init")]
    [InlineData(true, 0, "", "internal")]
    [InlineData(true, 10, "pro,enterprise", "beta")]
    [InlineData(true, 10, "enterprise,pro,pro", "beta")]
    [InlineData(true, 50, "pro,enterprise", "expanded")]
    [InlineData(true, 100, "", "general")]
    [InlineData(false, 10, "pro,enterprise", null)] // beta rolled back
    [InlineData(true, 10, "", null)]
    [InlineData(true, 10, "pro", null)]
    [InlineData(true, 25, "pro,enterprise", null)]
    public void PhaseOf_infers_the_phase_from_the_flag_state(bool enabled, int percentage, string tiers, string? expected)
    {
        string[] names = tiers.Split(',', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(expected, Plan.PhaseOf(enabled, percentage, UserTiers.ParseAll(names))?.Name);
    }

    [Fact]
    public void Deploying_each_phase_in_turn_is_recognised_and_keeps_the_beta_users()
    {
        var flag = new FlagState("action_plan_customization", false, 0, userEntries: [new(1, true), new(9, false)]);

        foreach (RolloutPhase phase in Plan.Phases)
        {
            flag = flag.Deploy(phase);
            Assert.Same(phase, Plan.PhaseOf(flag));
            Assert.Equal([1], flag.BetaUserIds);
            Assert.False(flag.UserEntries[9]);
        }
    }

    [Fact]
    public void Rollback_only_disables_and_is_not_a_phase()
    {
        FlagState beta = new FlagState("f", false, 0, userEntries: [new(1, true)]).Deploy(Plan.Find("beta")!);

        FlagState rolledBack = beta.Rollback();

        Assert.False(rolledBack.Enabled);
        Assert.Equal(10, rolledBack.RolloutPercentage);
        Assert.Equal<UserTier>([UserTier.Pro, UserTier.Enterprise], rolledBack.AllowedTiers);
        Assert.Equal([1], rolledBack.BetaUserIds);
        Assert.Null(Plan.PhaseOf(rolledBack));
        Assert.Equal(EvaluationReason.Disabled, FlagEvaluator.Evaluate(rolledBack, new(1, UserTier.Pro)).Reason);
    }

    [Fact]
    public void A_phase_with_other_segments_keeps_everything_else()
    {
        var beta = RolloutPlan.Default.Find("beta")!;

        var targeted = beta.WithSegments(["staff", "partners", "staff"]);

        Assert.Equal(["partners", "staff"], targeted.Segments.AsEnumerable());
        Assert.Equal((beta.Name, beta.Enabled, beta.RolloutPercentage, beta.PlannedDuration, beta.HealthGate),
            (targeted.Name, targeted.Enabled, targeted.RolloutPercentage, targeted.PlannedDuration, targeted.HealthGate));
        Assert.Equal(beta.AllowedTiers.AsEnumerable(), targeted.AllowedTiers.AsEnumerable());
        Assert.Empty(targeted.WithSegments([]).Segments);
        Assert.Throws<ArgumentException>(() => beta.WithSegments([" "]));
    }
}

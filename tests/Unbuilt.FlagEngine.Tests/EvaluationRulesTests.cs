using Unbuilt.FlagEngine;

namespace Unbuilt.FlagEngine.Tests;

public sealed class EvaluationRulesTests
{
    private const string Flag = "action_plan_customization";

    [Fact]
    public void Kill_switch_beats_beta_users()
    {
        var flag = new FlagState(Flag, enabled: false, rolloutPercentage: 100, userEntries: [new(1, true), new(2, true)]);

        foreach (int beta in new[] { 1, 2 })
        {
            Evaluation result = FlagEvaluator.Evaluate(flag, FlagContext.ForUser(beta, UserTier.Enterprise));
            Assert.Equal(new Evaluation(false, EvaluationReason.Disabled, 0), result);
        }
    }

    [Fact]
    public void Beta_user_beats_the_tier_rule_and_a_blocked_user_beats_100_percent()
    {
        var flag = new FlagState(Flag, true, 100, [UserTier.Enterprise], [new(1, true), new(2, false)]);

        Assert.Equal(new Evaluation(true, EvaluationReason.TargetingMatch, 0), FlagEvaluator.Evaluate(flag, new(1, UserTier.Free)));
        Assert.Equal(new Evaluation(false, EvaluationReason.TargetingMatch, 0), FlagEvaluator.Evaluate(flag, new(2, UserTier.Enterprise)));
    }

    [Fact]
    public void Without_a_user_id_the_flag_is_on_only_at_100_percent()
    {
        for (int percentage = 0; percentage <= 100; percentage++)
        {
            var flag = new FlagState(Flag, enabled: true, percentage);

            Evaluation result = FlagEvaluator.Evaluate(flag, FlagContext.Anonymous);

            Assert.Equal(new Evaluation(percentage == 100, EvaluationReason.Split, 0), result);
        }
    }

    [Fact]
    public void At_100_percent_everyone_who_passes_the_tier_rule_is_on()
    {
        var flag = new FlagState(Flag, enabled: true, 100, [UserTier.Pro]);

        Assert.All(Enumerable.Range(-50, 1000), id => Assert.True(FlagEvaluator.Evaluate(flag, new(id, UserTier.Pro)).Enabled));
        Assert.All(Enumerable.Range(-50, 1000), id =>
            Assert.Equal(EvaluationReason.TierExcluded, FlagEvaluator.Evaluate(flag, new(id, UserTier.Free)).Reason));
    }

    [Fact]
    public void An_unknown_flag_is_off_for_everyone()
    {
        Assert.Equal(new Evaluation(false, EvaluationReason.FlagNotFound, 0), FlagSnapshot.Empty.Evaluate(Flag, new(1, UserTier.Pro)));
        Assert.Equal(default(Evaluation), FlagEvaluator.Evaluate(flag: null, FlagContext.Anonymous));
    }

    [Theory]
    [InlineData(EvaluationReason.FlagNotFound, "FLAG_NOT_FOUND")]
    [InlineData(EvaluationReason.Disabled, "DISABLED")]
    [InlineData(EvaluationReason.TargetingMatch, "TARGETING_MATCH")]
    [InlineData(EvaluationReason.TierExcluded, "TIER_EXCLUDED")]
    [InlineData(EvaluationReason.Split, "SPLIT")]
    public void Reasons_have_OpenFeature_style_names(EvaluationReason reason, string name) =>
        Assert.Equal(name, reason.ToName());
}

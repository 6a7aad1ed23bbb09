using CsCheck;
using Unbuilt.FlagEngine;

namespace Unbuilt.FlagEngine.Tests;

/// Sticky rollout: moving the percentage only ever adds users (raising) or removes them (lowering).
public sealed class RolloutMonotonicityTests
{
    private static readonly Gen<string> FlagName = Gen.String[Gen.Char.AlphaNumeric, 1, 40];

    private static readonly Gen<UserTier> Tier = Gen.Int[0, 2].Select(i => (UserTier)i);

    [Fact]
    public void Raising_the_percentage_never_turns_a_user_off() =>
        Gen.Select(FlagName, Gen.Int, Tier, Gen.Int[0, 100], Gen.Int[0, 100])
            .Sample((name, userId, tier, a, b) =>
            {
                (int low, int high) = (Math.Min(a, b), Math.Max(a, b));
                bool onBefore = IsOn(name, low, userId, tier);
                return !onBefore || IsOn(name, high, userId, tier);
            });

    [Fact]
    public void Lowering_the_percentage_never_turns_a_user_on() =>
        Gen.Select(FlagName, Gen.Int, Tier, Gen.Int[0, 100], Gen.Int[0, 100])
            .Sample((name, userId, tier, a, b) =>
            {
                (int low, int high) = (Math.Min(a, b), Math.Max(a, b));
                bool offBefore = !IsOn(name, high, userId, tier);
                return !offBefore || !IsOn(name, low, userId, tier);
            });

    [Fact]
    public void A_user_is_on_exactly_from_their_bucket_upwards() =>
        Gen.Select(FlagName, Gen.Int, Gen.Int[0, 100]).Sample((name, userId, percentage) =>
            IsOn(name, percentage, userId, UserTier.Pro) == (Bucket.For(name, userId) <= percentage));

    private static bool IsOn(string name, int percentage, int userId, UserTier tier) =>
        FlagEvaluator.Evaluate(new FlagState(name, enabled: true, percentage), FlagContext.ForUser(userId, tier)).Enabled;
}

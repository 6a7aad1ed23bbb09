using Unbuilt.FlagEngine;

namespace Unbuilt.FlagEngine.Tests;

public sealed class FlagStateTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void The_percentage_must_be_0_to_100(int percentage) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlagState("f", true, percentage));

    [Fact]
    public void A_user_may_have_one_entry() =>
        Assert.Throws<ArgumentException>(() => new FlagState("f", true, 0, userEntries: [new(1, true), new(1, false)]));

    [Fact]
    public void An_undefined_tier_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlagState("f", true, 0, [(UserTier)7]));

    [Fact]
    public void Tiers_are_kept_distinct_and_in_tier_order()
    {
        var flag = new FlagState("f", true, 0, [UserTier.Enterprise, UserTier.Pro, UserTier.Enterprise]);

        Assert.Equal<UserTier>([UserTier.Pro, UserTier.Enterprise], flag.AllowedTiers);
        Assert.False(flag.AllowsTier(UserTier.Free));
        Assert.True(flag.AllowsTier(UserTier.Pro));
    }

    [Fact]
    public void No_tiers_allows_every_tier_and_an_undefined_tier_is_allowed_only_then()
    {
        Assert.All(UserTiers.All, tier => Assert.True(new FlagState("f", true, 0).AllowsTier(tier)));
        Assert.False(new FlagState("f", true, 0, [UserTier.Pro]).AllowsTier((UserTier)40));
    }

    [Fact]
    public void Beta_users_are_the_enabled_entries_in_order()
    {
        var flag = new FlagState("f", true, 0, userEntries: [new(9, true), new(3, false), new(4, true)]);

        Assert.Equal([4, 9], flag.BetaUserIds);
    }
}

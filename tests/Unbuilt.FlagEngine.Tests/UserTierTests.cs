using Unbuilt.FlagEngine;

namespace Unbuilt.FlagEngine.Tests;

public sealed class UserTierTests
{
    [Theory]
    [InlineData("free", UserTier.Free)]
    [InlineData("pro", UserTier.Pro)]
    [InlineData("enterprise", UserTier.Enterprise)]
    [InlineData("Pro", UserTier.Pro)]
    public void Parses_tier_names(string name, UserTier tier)
    {
        Assert.Equal(tier, UserTiers.Parse(name));
        Assert.Equal(name.ToLowerInvariant(), tier.ToName());
    }

    [Theory]
    [InlineData("")]
    [InlineData("gold")]
    [InlineData(" pro")]
    [InlineData(null)]
    public void Rejects_what_is_not_a_tier(string? name)
    {
        Assert.False(UserTiers.TryParse(name, out _));
        Assert.Throws<FormatException>(() => UserTiers.ParseAll(["pro", name!]));
    }
}

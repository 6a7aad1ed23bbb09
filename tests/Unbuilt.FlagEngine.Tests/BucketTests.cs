using CsCheck;
using Unbuilt.FlagEngine;

namespace Unbuilt.FlagEngine.Tests;

public sealed class BucketTests
{
    private const string Flag = "action_plan_customization";

    [Fact]
    public void Ten_percent_of_100000_users_is_between_9_5_and_10_5_percent()
    {
        var flag = new FlagState(Flag, enabled: true, rolloutPercentage: 10);

        int on = 0;
        for (int userId = 1; userId <= 100_000; userId++)
        {
            if (FlagEvaluator.Evaluate(flag, FlagContext.ForUser(userId, UserTier.Free)).Enabled)
            {
                on++;
            }
        }

        Assert.InRange(on, 9_500, 10_500);
    }

    [Fact]
    public void Every_bucket_is_in_1_to_100() =>
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 40], Gen.Int)
            .Sample((name, userId) => Bucket.For(name, userId) is >= Bucket.Min and <= Bucket.Max);

    [Fact]
    public void The_same_user_lands_in_different_buckets_for_different_flags()
    {
        int differ = Enumerable.Range(1, 1000).Count(id => Bucket.For("flag_a", id) != Bucket.For("flag_b", id));

        Assert.True(differ > 900, $"only {differ} of 1000 users moved bucket between two flags");
    }

    [Fact]
    public void A_name_longer_than_the_stack_buffer_hashes_like_a_short_one_would()
    {
        string longName = new('x', 1000);
        byte[] key = System.Text.Encoding.UTF8.GetBytes(longName + ":7");

        int expected = (int)(MurmurHash3.X86_32(key, 0) % 100) + 1;

        Assert.Equal(expected, Bucket.For(longName, 7));
        Assert.Equal(expected, Bucket.For(System.Text.Encoding.UTF8.GetBytes(longName), 7));
    }
}

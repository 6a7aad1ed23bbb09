using Unbuilt.Plans.Ordering;

namespace Unbuilt.Tests.Plans.Ordering;

public sealed class FractionalIndexTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("V", null)]
    [InlineData(null, "V")]
    [InlineData("V", "W")]
    [InlineData("V", "V1")]
    [InlineData("z", null)]
    [InlineData(null, "01")]
    [InlineData("Vzzz", "W")]
    public void Between_is_strictly_between_and_valid(string? before, string? after)
    {
        var key = FractionalIndex.Between(before, after);

        Assert.True(FractionalIndex.IsValid(key), key);
        if (before is not null) Assert.True(string.CompareOrdinal(before, key) < 0, $"{before} < {key}");
        if (after is not null) Assert.True(string.CompareOrdinal(key, after) < 0, $"{key} < {after}");
    }

    [Fact]
    public void Inserting_again_and_again_at_one_spot_always_finds_room()
    {
        string low = FractionalIndex.Between(null, null), high = FractionalIndex.Between(low, null);
        for (var i = 0; i < 300; i++)
        {
            var key = FractionalIndex.Between(low, high);
            Assert.True(string.CompareOrdinal(low, key) < 0 && string.CompareOrdinal(key, high) < 0);
            if (i % 2 == 0) high = key;
            else low = key;
        }
    }

    [Fact]
    public void Spread_gives_increasing_short_keys()
    {
        var keys = FractionalIndex.Spread(null, null, 500);

        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Equal(500, keys.Distinct().Count());
        Assert.All(keys, k => Assert.True(k.Length <= 3, k));
    }

    [Fact]
    public void Keys_out_of_order_are_refused()
    {
        Assert.Throws<ArgumentException>(() => FractionalIndex.Between("W", "V"));
        Assert.Throws<ArgumentException>(() => FractionalIndex.Between("V0", null));
    }

    [Fact]
    public void Placement_between_equal_keys_rekeys_only_the_tied_neighbours()
    {
        Slot[] siblings = [new(1, "F"), new(2, "V"), new(3, "V"), new(4, "k")];

        var placement = TaskPlacement.After(siblings, afterIndex: 1);

        Assert.Equal([3], placement.Shifts.Select(s => s.TaskId));
        Assert.True(string.CompareOrdinal("V", placement.Position) < 0);
        Assert.True(string.CompareOrdinal(placement.Position, placement.Shifts[0].Position) < 0);
        Assert.True(string.CompareOrdinal(placement.Shifts[0].Position, "k") < 0);
    }

    [Fact]
    public void Reorder_keeps_the_longest_run_already_in_order()
    {
        Slot[] desired = [new(4, "k"), new(1, "F"), new(2, "V"), new(3, "d")];

        var changes = ReorderPlan.For(desired, new HashSet<int>());

        Assert.Equal([4], changes.Select(c => c.TaskId));
        Assert.True(string.CompareOrdinal(changes[0].Position, "F") < 0);
    }
}

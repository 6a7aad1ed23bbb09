using Unbuilt.FlagEngine;

namespace Unbuilt.FlagEngine.Tests;

public sealed class FlagSnapshotTests
{
    [Fact]
    public void A_snapshot_rejects_two_flags_of_the_same_name() =>
        Assert.Throws<ArgumentException>(() => new FlagSnapshot([new("f", true, 0), new("f", false, 0)]));

    [Fact]
    public void A_snapshot_finds_flags_by_exact_name_and_lists_them_in_order()
    {
        var snapshot = new FlagSnapshot([new("b", true, 0), new("a", true, 0)]);

        Assert.Equal(["a", "b"], snapshot.Flags.Select(f => f.Name));
        Assert.True(snapshot.TryFind("a", out FlagState? a));
        Assert.Same(a, snapshot.Find("a"));
        Assert.Null(snapshot.Find("A"));
    }

    [Fact]
    public void The_empty_snapshot_has_no_flags()
    {
        Assert.Equal(0, FlagSnapshot.Empty.Count);
        Assert.False(FlagSnapshot.Empty.TryFind("f", out _));
    }
}

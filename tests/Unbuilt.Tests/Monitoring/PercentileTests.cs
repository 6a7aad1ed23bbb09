using Unbuilt.Monitoring;

namespace Unbuilt.Tests.Monitoring;

/// The alert rules' p95 comes from only the slowest response times (the database sends no more): it must be the very
/// number the whole sorted window gives, as PostgreSQL's percentile_cont computes it.
public sealed class PercentileTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(19)]
    [InlineData(20)]
    [InlineData(21)]
    [InlineData(101)]
    [InlineData(2_000)]
    [InlineData(12_345)]
    public void The_p95_from_the_slowest_values_alone_is_the_p95_of_all_of_them(int count)
    {
        var random = new Random(count);
        // Ties included: response times are often equal at 0.01 ms resolution.
        var all = Enumerable.Range(0, count).Select(_ => Math.Round(random.NextDouble() * random.Next(1, 400), 2)).Order().ToList();
        var needed = Percentiles.TopNeeded(count, 0.95);
        var slowestFirst = all.AsEnumerable().Reverse().Take(needed).ToList();

        Assert.InRange(needed, 1, Math.Max(2, count / 20 + 2)); // about 5 %, not the window
        Assert.Equal(Percentiles.Continuous(all, 0.95), Percentiles.ContinuousFromTop(slowestFirst, count, 0.95));
        Assert.Equal(Percentiles.Continuous(all, 0.95), new OperationTail("task_updated", count, 0, 0, count, slowestFirst).P95);
    }

    [Fact]
    public void No_values_no_percentile_and_too_few_of_the_largest_is_a_bug_not_a_guess()
    {
        Assert.Equal(0, Percentiles.TopNeeded(0, 0.95));
        Assert.Null(Percentiles.ContinuousFromTop([], 0, 0.95));
        Assert.Throws<ArgumentException>(() => Percentiles.ContinuousFromTop([9.0], 100, 0.95));
    }

    [Fact]
    public void Untimed_requests_count_as_requests_but_not_in_the_p95()
    {
        var tail = new OperationTail("plan_loaded", Count: 3, Errors: 1, ClientErrors: 0, Timed: 2, SlowestFirst: [30, 10]);

        Assert.Equal(29, tail.P95!.Value, 9);
    }
}

namespace Unbuilt.Monitoring;

/// Percentiles computed as PostgreSQL's `percentile_cont` does (linear interpolation between the two nearest
/// ranks), in C# so SQLite, which has no percentile function, gives the very same numbers.
public static class Percentiles
{
    /// The p-th percentile (p in 0..1) of values sorted ascending; null when there are none.
    public static double? Continuous(IReadOnlyList<double> sorted, double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        if (sorted.Count == 0) return null;
        var position = p * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    /// How many of the largest of <paramref name="count"/> values Continuous needs for the p-th percentile: from the
    /// lower of its two ranks up.
    public static int TopNeeded(int count, double p) => count == 0 ? 0 : count - (int)Math.Floor(p * (count - 1));

    /// Continuous(sorted, p) from only the largest values, largest first (at least TopNeeded(count, p) of them).
    public static double? ContinuousFromTop(IReadOnlyList<double> largestFirst, int count, double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        if (count == 0) return null;
        if (largestFirst.Count < TopNeeded(count, p)) throw new ArgumentException("Too few of the largest values for this percentile.", nameof(largestFirst));
        var position = p * (count - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        double At(int rank) => largestFirst[count - 1 - rank];
        return At(lower) + (position - lower) * (At(upper) - At(lower));
    }

    /// The mean, summed in ascending order so every provider's rows give the same bits.
    public static double? Mean(IReadOnlyList<double> sorted)
    {
        if (sorted.Count == 0) return null;
        var sum = 0.0;
        foreach (var value in sorted) sum += value;
        return sum / sorted.Count;
    }

    /// Rounded for display: latencies to 0.01 ms, rates to 0.001 percentage points.
    public static double? Round(double? value, int digits = 2) => value is { } v ? Math.Round(v, digits) : null;
}

namespace Unbuilt.Plans.Ordering;

/// New keys for a phase put in a given order, writing as few rows as possible: the longest run of tasks that are
/// already in order (by strictly increasing key) keeps its keys, the others get keys between their kept neighbours.
public static class ReorderPlan
{
    /// <param name="desired">Every task the phase is to hold, in order, with its current key (tasks coming from
    /// another phase included: they never keep their key).</param>
    /// <param name="movingIn">Tasks in <paramref name="desired"/> that are in another phase now.</param>
    /// <returns>The tasks whose key changes, with the new key.</returns>
    public static List<Slot> For(IReadOnlyList<Slot> desired, IReadOnlySet<int> movingIn)
    {
        var kept = KeptIndexes(desired, movingIn);
        var changes = new List<Slot>();
        var previous = -1;
        foreach (var next in kept.Append(desired.Count))
        {
            var count = next - previous - 1;
            if (count > 0)
            {
                var low = previous >= 0 ? desired[previous].Position : null;
                var high = next < desired.Count ? desired[next].Position : null;
                var keys = FractionalIndex.Spread(low, high, count);
                if (keys.Exists(k => k.Length > TaskPlacement.MaxKeyLength)) return Respaced(desired);
                for (var i = 0; i < count; i++) changes.Add(desired[previous + 1 + i] with { Position = keys[i] });
            }
            previous = next;
        }
        return changes;
    }

    private static List<Slot> Respaced(IReadOnlyList<Slot> desired)
    {
        var keys = FractionalIndex.Spread(null, null, desired.Count);
        return [.. desired.Select((slot, i) => slot with { Position = keys[i] }).Where((slot, i) => slot.Position != desired[i].Position)];
    }

    // Longest strictly increasing subsequence of keys (patience sorting, O(n log n)), as indexes into desired.
    private static List<int> KeptIndexes(IReadOnlyList<Slot> desired, IReadOnlySet<int> movingIn)
    {
        var tails = new List<int>();
        var parent = new int[desired.Count];
        for (var i = 0; i < desired.Count; i++)
        {
            if (movingIn.Contains(desired[i].TaskId)) continue;
            int lo = 0, hi = tails.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (string.CompareOrdinal(desired[tails[mid]].Position, desired[i].Position) < 0) lo = mid + 1;
                else hi = mid;
            }
            parent[i] = lo > 0 ? tails[lo - 1] : -1;
            if (lo == tails.Count) tails.Add(i);
            else tails[lo] = i;
        }
        var kept = new List<int>();
        for (var i = tails.Count > 0 ? tails[^1] : -1; i >= 0; i = parent[i]) kept.Add(i);
        kept.Reverse();
        return kept;
    }
}

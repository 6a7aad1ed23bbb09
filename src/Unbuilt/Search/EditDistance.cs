namespace Unbuilt.Search;

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost one each.
internal static class EditDistance
{
    /// The distance between <paramref name="a"/> and <paramref name="b"/>, or <c>max + 1</c> as soon as it is
    /// certain to exceed <paramref name="max"/>. Both words must be short (the caller caps them).
    public static int AtMost(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        Span<int> beforeLast = stackalloc int[b.Length + 1];
        Span<int> last = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) last[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var d = Math.Min(Math.Min(last[j] + 1, current[j - 1] + 1), last[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = Math.Min(d, beforeLast[j - 2] + 1);
                current[j] = d;
                rowMin = Math.Min(rowMin, d);
            }
            if (rowMin > max) return max + 1;
            var recycled = beforeLast;
            beforeLast = last;
            last = current;
            current = recycled;
        }
        return Math.Min(last[b.Length], max + 1);
    }
}

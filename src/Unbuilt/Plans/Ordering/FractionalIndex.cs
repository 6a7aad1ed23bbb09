namespace Unbuilt.Plans.Ordering;

/// Order keys that always have room between them: base-62 fractions written as digit strings ("V" is one half,
/// "8" about an eighth), compared ordinally. A key never ends in the smallest digit, so there is always a key
/// before any key; inserting between neighbours writes one row and never renumbers the others.
public static class FractionalIndex
{
    // ASCII order is the numeric order: digits < upper case < lower case.
    public const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int Base = 62;

    /// A key strictly between <paramref name="before"/> and <paramref name="after"/> (null = open end).
    public static string Between(string? before, string? after)
    {
        if (before is not null) Validate(before);
        if (after is not null) Validate(after);
        if (before is not null && after is not null && string.CompareOrdinal(before, after) >= 0)
            throw new ArgumentException($"'{before}' must sort before '{after}'.", nameof(before));
        return Midpoint(before ?? "", after);
    }

    /// <paramref name="count"/> increasing keys strictly between the two bounds, spread evenly so that the keys
    /// stay short (bisection: about log62(count) characters longer than the bounds).
    public static List<string> Spread(string? before, string? after, int count)
    {
        var keys = new List<string>(count);
        Fill(before, after, count, keys);
        return keys;
    }

    public static bool IsValid(string key) =>
        key.Length > 0 && key[^1] != Digits[0] && key.All(c => Digits.Contains(c, StringComparison.Ordinal));

    private static void Fill(string? before, string? after, int count, List<string> keys)
    {
        if (count <= 0) return;
        var middle = Between(before, after);
        var left = (count - 1) / 2;
        Fill(before, middle, left, keys);
        keys.Add(middle);
        Fill(middle, after, count - 1 - left, keys);
    }

    // a < b as fractions; a may be "" (zero), b null (one). After rocicorp/fractional-indexing's midpoint.
    private static string Midpoint(string a, string? b)
    {
        if (b is not null)
        {
            var common = 0;
            while (common < b.Length && (common < a.Length ? a[common] : Digits[0]) == b[common]) common++;
            if (common > 0)
                return b[..common] + Midpoint(common < a.Length ? a[common..] : "", b[common..]);
        }
        var low = a.Length > 0 ? Digits.IndexOf(a[0], StringComparison.Ordinal) : 0;
        var high = b is not null ? Digits.IndexOf(b[0], StringComparison.Ordinal) : Base;
        if (high - low > 1) return Digits[(low + high + 1) / 2].ToString();
        // Neighbouring first digits: b's first digit alone is already between, when b goes on after it.
        if (b is not null && b.Length > 1) return b[..1];
        return Digits[low] + Midpoint(a.Length > 0 ? a[1..] : "", null);
    }

    private static void Validate(string key)
    {
        if (!IsValid(key)) throw new ArgumentException($"'{key}' is not a fractional index key.", nameof(key));
    }
}

using System.Globalization;

namespace Unbuilt.Plans.Changes;

/// A plan's ETag is its version in quotes: "7". If-Match takes one or more of them (weak or strong) or *.
public static class PlanETag
{
    public static string For(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// Whether an If-Match condition (null: none) names <paramref name="version"/>; false for one that names none.
    public static bool Matches(string? header, int version)
    {
        if (string.IsNullOrWhiteSpace(header)) return true;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "*") return true;
            var tag = part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part;
            if (tag == For(version)) return true;
        }
        return false;
    }
}

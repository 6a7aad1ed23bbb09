using System.Globalization;
using System.Text.RegularExpressions;

namespace Unbuilt.Monitoring;

/// The windows the performance API takes: `15m`, `1h`, `24h` for metrics; any `N` + s|m|h|d up to 30 days for
/// how far back to list errors.
public static partial class TimeWindows
{
    public static IReadOnlyList<string> MetricWindows { get; } = ["15m", "1h", "24h"];

    /// The steps a series takes: a point per minute, five minutes or hour.
    public static IReadOnlyList<string> SeriesSteps { get; } = ["1m", "5m", "1h"];

    public static readonly TimeSpan Longest = TimeSpan.FromDays(30);

    public static bool TryParse(string? text, out TimeSpan span)
    {
        span = default;
        var match = text is null ? Match.Empty : Pattern().Match(text.Trim());
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
        if (n is <= 0 or > 30 * 86_400) return false;
        span = match.Groups[2].Value switch
        {
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            _ => TimeSpan.FromDays(n),
        };
        return span <= Longest;
    }

    [GeneratedRegex(@"^(\d{1,7})([smhd])\z")]
    private static partial Regex Pattern();
}

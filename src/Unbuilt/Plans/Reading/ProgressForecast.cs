using System.Globalization;

namespace Unbuilt.Plans.Reading;

/// <param name="VelocityPerWeek">Tasks completed per week over the window; null without enough evidence.</param>
/// <param name="EstimatedCompletionDate">Today plus what is left at that pace (the last completion once nothing is
/// left); null without enough evidence.</param>
/// <param name="Needs">What the forecast still needs, e.g. "3 completions over 3 days (1 so far, over 1 day)";
/// null when there is a forecast or nothing is left.</param>
public sealed record ProgressForecast(double? VelocityPerWeek, DateOnly? EstimatedCompletionDate, string? Needs)
{
    /// Completions further back than this say little about the pace now.
    public const int WindowDays = 30;

    /// One or two completions are an anecdote, not a pace: a single task done on day one once forecast "0.23 tasks
    /// a week, done in 2030". Three is the fewest that can show a rate at all.
    public const int MinCompletions = 3;

    /// Completions bunched on one or two days (an afternoon of ticking off) say how fast someone clicks, not how
    /// fast the plan moves; three distinct days is the least spread that looks like a habit.
    public const int MinDays = 3;

    /// The forecast from the completion times of the plan's completed tasks.
    public static ProgressForecast Of(IReadOnlyCollection<DateTime> completions, int remaining, DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        var recent = completions.Where(c => c > now.AddDays(-WindowDays)).ToList();
        var days = recent.Select(DateOnly.FromDateTime).Distinct().Count();
        var enough = recent.Count >= MinCompletions && days >= MinDays;
        double? velocity = enough ? Math.Round(recent.Count * 7.0 / WindowDays, 2) : null;
        // Finished: the date is a fact, not a forecast.
        if (remaining == 0) return new(velocity, completions.Count == 0 ? today : DateOnly.FromDateTime(completions.Max()), null);
        if (!enough)
            return new(null, null, string.Create(CultureInfo.InvariantCulture,
                $"{MinCompletions} completions over {MinDays} days ({recent.Count} so far, over {days} {(days == 1 ? "day" : "days")})"));
        return new(velocity, today.AddDays((int)Math.Ceiling(remaining * WindowDays / (double)recent.Count)), null);
    }
}

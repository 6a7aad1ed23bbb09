using Microsoft.AspNetCore.Http.HttpResults;
using Unbuilt.Api;
using Unbuilt.FlagEngine;

namespace Unbuilt.Rollout;

/// What holds a phase back from the next: its health gate (breached, or unknown for want of requests) and its
/// planned duration not yet run. Force overrides both, and the flag's history names what it overrode.
public sealed record AdvanceCheck(RolloutPhase Phase, GateVerdict Verdict, TimeSpan TimeLeft)
{
    /// One phrase per reason, e.g. "health unknown: 12 of the 100 requests needed"; empty when nothing holds it back.
    public IReadOnlyList<string> Obstacles { get; } = [.. new[] { Verdict.Obstacle, TimeObstacle(Phase, TimeLeft) }.OfType<string>()];

    public bool IsClear => Obstacles.Count == 0;

    public static AdvanceCheck For(RolloutPhase phase, GateVerdict verdict, TimeSpan timeInPhase) =>
        new(phase, verdict, phase.PlannedTimeLeft(timeInPhase));

    /// The 409 a refused advance answers: every reason in words, and the numbers for a client to show.
    public ProblemHttpResult Refusal(string flag) => Problems.Conflict(
        $"Cannot advance {flag} past {Phase.Name} yet. {string.Join(" ", Obstacles.Select(Sentence))} " +
        "Advance with force to go ahead anyway; the flag's history records it.",
        new Dictionary<string, object?>
        {
            ["reasons"] = Obstacles,
            ["health"] = Verdict.Health,
            ["breaches"] = Verdict.Breaches,
            ["requests"] = Verdict.Requests,
            ["requestsNeeded"] = Verdict.MinSamples,
            ["plannedDurationSeconds"] = Phase.PlannedDuration is { } planned ? (long)planned.TotalSeconds : null,
            ["remainingSeconds"] = (long)Math.Ceiling(TimeLeft.TotalSeconds),
        });

    /// A span as people say it, to the minute and rounded up (so a phase never has "0 min" to go): 7 d, 2 d 3 h,
    /// 5 h 20 min, 1 min.
    public static string Describe(TimeSpan span)
    {
        var minutes = (long)Math.Ceiling(Math.Max(0, span.TotalMinutes));
        var (days, hours, rest) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
        return days > 0 ? (hours == 0 ? $"{days} d" : $"{days} d {hours} h")
            : hours > 0 ? (rest == 0 ? $"{hours} h" : $"{hours} h {rest} min")
            : $"{rest} min";
    }

    private static string? TimeObstacle(RolloutPhase phase, TimeSpan left) =>
        left > TimeSpan.Zero && phase.PlannedDuration is { } planned
            ? $"the {phase.Name} phase is planned for {Describe(planned)} and has {Describe(left)} to go"
            : null;

    private static string Sentence(string phrase) => char.ToUpperInvariant(phrase[0]) + phrase[1..] + ".";
}

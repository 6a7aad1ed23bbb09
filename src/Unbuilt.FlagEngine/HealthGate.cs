using System.Globalization;

namespace Unbuilt.FlagEngine;

/// <summary>
/// The health a rollout phase must show before it may be left for the next. Each limit is strict: the gate
/// holds while the observed value is below it. A <see langword="null"/> limit is not checked.
/// </summary>
/// <param name="MaxErrorRate">The error rate (a fraction: 0.001 is 0.1%) the phase must stay under.</param>
/// <param name="MaxTaskUpdateP95Ms">The p95 of task updates, in milliseconds, the phase must stay under.</param>
/// <param name="MaxPlanLoadP95Ms">The p95 of plan loads, in milliseconds, the phase must stay under.</param>
public sealed record HealthGate(double MaxErrorRate, double? MaxTaskUpdateP95Ms = null, double? MaxPlanLoadP95Ms = null)
{
    /// <summary>The error rate limit, a fraction in 0..1.</summary>
    public double MaxErrorRate { get; } = MaxErrorRate is >= 0 and <= 1
        ? MaxErrorRate
        : throw new ArgumentOutOfRangeException(nameof(MaxErrorRate), MaxErrorRate, "An error rate is a fraction in 0..1.");

    /// <summary>The task update p95 limit in milliseconds, if any.</summary>
    public double? MaxTaskUpdateP95Ms { get; } = Positive(MaxTaskUpdateP95Ms, nameof(MaxTaskUpdateP95Ms));

    /// <summary>The plan load p95 limit in milliseconds, if any.</summary>
    public double? MaxPlanLoadP95Ms { get; } = Positive(MaxPlanLoadP95Ms, nameof(MaxPlanLoadP95Ms));

    /// <summary>
    /// The limits <paramref name="reading"/> breaks, one sentence each; empty when the gate holds. A measurement
    /// the reading lacks (no traffic of that kind yet) breaks nothing.
    /// </summary>
    /// <param name="reading">What monitoring observed over the window.</param>
    /// <returns>The breaches, e.g. <c>error rate 0.25% is not below 0.1%</c>.</returns>
    public IReadOnlyList<string> Breaches(HealthReading reading)
    {
        var breaches = new List<string>();
        if (reading.ErrorRate >= MaxErrorRate)
        {
            breaches.Add(string.Create(
                CultureInfo.InvariantCulture, $"error rate {reading.ErrorRate:0.###%} is not below {MaxErrorRate:0.###%}"));
        }

        AddIfBroken(breaches, "task update p95", reading.TaskUpdateP95Ms, MaxTaskUpdateP95Ms);
        AddIfBroken(breaches, "plan load p95", reading.PlanLoadP95Ms, MaxPlanLoadP95Ms);
        return breaches;
    }

    /// <summary>Whether <paramref name="reading"/> keeps every limit.</summary>
    /// <param name="reading">What monitoring observed over the window.</param>
    /// <returns><see langword="true"/> when the gate holds.</returns>
    public bool IsMetBy(HealthReading reading) => Breaches(reading).Count == 0;

    private static void AddIfBroken(List<string> breaches, string what, double? observedMs, double? limitMs)
    {
        if (observedMs is double observed && limitMs is double limit && observed >= limit)
        {
            breaches.Add(string.Create(CultureInfo.InvariantCulture, $"{what} {observed:0.#} ms is not below {limit:0.#} ms"));
        }
    }

    private static double? Positive(double? milliseconds, string name) => milliseconds is null or > 0
        ? milliseconds
        : throw new ArgumentOutOfRangeException(name, milliseconds, "A latency limit is a positive number of milliseconds.");
}

/// <summary>What monitoring observed for a flag's feature over a window, to hold against a <see cref="HealthGate"/>.</summary>
/// <param name="ErrorRate">Failed requests over all requests, a fraction in 0..1.</param>
/// <param name="TaskUpdateP95Ms">The p95 of task updates in milliseconds, or <see langword="null"/> when there were none.</param>
/// <param name="PlanLoadP95Ms">The p95 of plan loads in milliseconds, or <see langword="null"/> when there were none.</param>
public readonly record struct HealthReading(double ErrorRate, double? TaskUpdateP95Ms = null, double? PlanLoadP95Ms = null);

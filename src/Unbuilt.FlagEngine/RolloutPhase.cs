using System.Collections.Immutable;

namespace Unbuilt.FlagEngine;

/// <summary>
/// One step of a progressive rollout, as data: the flag state it deploys (switch, percentage, tiers and the
/// segments it targets, by name), how long it is planned to last and the
/// health it must show before the next step. Beta users are never part of a phase: every phase keeps them.
/// </summary>
/// <remarks>
/// The constructor's parameters match the properties, so System.Text.Json can read a phase from configuration
/// (tiers as strings need a <c>JsonStringEnumConverter</c>; a duration is a <see cref="TimeSpan"/> string such as
/// <c>"7.00:00:00"</c>).
/// </remarks>
public sealed class RolloutPhase
{
    /// <summary>Creates a phase.</summary>
    /// <param name="name">The phase name, unique within its plan (case-insensitive); not <c>rollback</c>.</param>
    /// <param name="enabled">The kill switch position this phase deploys.</param>
    /// <param name="rolloutPercentage">The percentage (0..100) this phase deploys.</param>
    /// <param name="allowedTiers">The tiers this phase limits the flag to; default or empty means all.</param>
    /// <param name="plannedDuration">How long the phase is planned to run; <see langword="null"/> when open-ended.</param>
    /// <param name="healthGate">The health required to leave the phase; <see langword="null"/> when there is none.</param>
    /// <param name="segments">The names of the segments this phase targets; default or empty means none.</param>
    /// <exception cref="ArgumentException">The name is empty or reserved, or a segment name is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The percentage is outside 0..100, or the duration is not positive.</exception>
    public RolloutPhase(
        string name,
        bool enabled,
        int rolloutPercentage,
        ImmutableArray<UserTier> allowedTiers = default,
        TimeSpan? plannedDuration = null,
        HealthGate? healthGate = null,
        ImmutableArray<string> segments = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (string.Equals(name, RolloutPlan.RollbackName, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("'rollback' is an action (switch the flag off, keep the rest), not a phase.", nameof(name));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(rolloutPercentage, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rolloutPercentage, 100);
        if (plannedDuration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(plannedDuration), plannedDuration, "A planned duration is positive.");
        }

        Name = name;
        Enabled = enabled;
        RolloutPercentage = rolloutPercentage;
        AllowedTiers = UserTiers.Normalize(allowedTiers.IsDefault ? null : allowedTiers);
        PlannedDuration = plannedDuration;
        HealthGate = healthGate;
        Segments = NormalizeSegments(segments.IsDefault ? [] : segments);
    }

    /// <summary>The phase name, e.g. <c>beta</c>.</summary>
    public string Name { get; }

    /// <summary>The kill switch position this phase deploys.</summary>
    public bool Enabled { get; }

    /// <summary>The percentage (0..100) this phase deploys.</summary>
    public int RolloutPercentage { get; }

    /// <summary>The tiers this phase deploys, distinct and in tier order; empty means all.</summary>
    public ImmutableArray<UserTier> AllowedTiers { get; }

    /// <summary>The names of the segments this phase targets, distinct and in ordinal order; empty means none.</summary>
    public ImmutableArray<string> Segments { get; }

    /// <summary>How long the phase is planned to run; <see langword="null"/> when open-ended.</summary>
    public TimeSpan? PlannedDuration { get; }

    /// <summary>The health required to leave the phase for the next; <see langword="null"/> when there is none.</summary>
    public HealthGate? HealthGate { get; }

    /// <summary>
    /// How much of the planned duration is still to run after <paramref name="timeInPhase"/>: a phase is not left
    /// for the next before it has run its course (unless forced).
    /// </summary>
    /// <param name="timeInPhase">How long the flag has been in this phase; negative counts as none.</param>
    /// <returns>The time left; <see cref="TimeSpan.Zero"/> when the phase is open-ended or has run its course.</returns>
    public TimeSpan PlannedTimeLeft(TimeSpan timeInPhase)
    {
        if (PlannedDuration is not TimeSpan planned)
        {
            return TimeSpan.Zero;
        }

        TimeSpan ran = timeInPhase < TimeSpan.Zero ? TimeSpan.Zero : timeInPhase;
        return ran >= planned ? TimeSpan.Zero : planned - ran;
    }

    /// <summary>This phase targeting other segments, everything else as it is.</summary>
    /// <param name="segments">The segment names; empty means none.</param>
    /// <returns>A new phase.</returns>
    /// <exception cref="ArgumentException">A segment name is empty.</exception>
    public RolloutPhase WithSegments(IEnumerable<string> segments) =>
        new(Name, Enabled, RolloutPercentage, AllowedTiers, PlannedDuration, HealthGate, [.. segments]);

    /// <summary>
    /// Whether a flag with this switch, percentage, tiers and segments is in this phase (beta users aside).
    /// </summary>
    /// <param name="enabled">The flag's kill switch.</param>
    /// <param name="rolloutPercentage">The flag's percentage.</param>
    /// <param name="allowedTiers">The flag's tiers, in any order.</param>
    /// <param name="segments">The flag's segment names, in any order; <see langword="null"/> means none.</param>
    /// <returns><see langword="true"/> when all four match.</returns>
    public bool Matches(bool enabled, int rolloutPercentage, IEnumerable<UserTier> allowedTiers, IEnumerable<string>? segments = null) =>
        enabled == Enabled
        && rolloutPercentage == RolloutPercentage
        && UserTiers.MaskOf(allowedTiers) == UserTiers.MaskOf(AllowedTiers)
        && NormalizeSegments(segments ?? []).SequenceEqual(Segments, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name} ({(Enabled ? "on" : "off")}, {RolloutPercentage}%, tiers [{string.Join(", ", AllowedTiers.Select(t => t.ToName()))}]" +
        (Segments.IsEmpty ? ")" : $", segments [{string.Join(", ", Segments)}])");

    /// <summary>Distinct and in ordinal order, so two lists of the same segments compare equal.</summary>
    internal static ImmutableArray<string> NormalizeSegments(IEnumerable<string> names)
    {
        foreach (string name in names)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(names));
        }

        return [.. names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}

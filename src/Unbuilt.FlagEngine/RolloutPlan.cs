using System.Collections.Immutable;

namespace Unbuilt.FlagEngine;

/// <summary>
/// A flag's rollout phases in order (e.g. init → internal → beta → expanded → general). Rollback is not a phase:
/// it switches the flag off and keeps its percentage, tiers and users, so it can be undone.
/// </summary>
public sealed class RolloutPlan
{
    /// <summary>The name of the rollback action, reserved so no phase can take it.</summary>
    public const string RollbackName = "rollback";

    private static readonly HealthGate WideGate = new(MaxErrorRate: 0.005, MaxTaskUpdateP95Ms: 200, MaxPlanLoadP95Ms: 1000);

    /// <summary>Builds a plan.</summary>
    /// <param name="phases">The phases in rollout order.</param>
    /// <exception cref="ArgumentException">
    /// There are no phases, two share a name (case-insensitive), or two deploy the same state (then a flag's
    /// phase could not be told).
    /// </exception>
    public RolloutPlan(IEnumerable<RolloutPhase> phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        Phases = [.. phases];
        if (Phases.IsEmpty)
        {
            throw new ArgumentException("A rollout plan needs at least one phase.", nameof(phases));
        }

        for (int i = 0; i < Phases.Length; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (string.Equals(Phases[i].Name, Phases[j].Name, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ArgumentException($"Phase '{Phases[i].Name}' appears more than once.", nameof(phases));
                }

                if (Phases[j].Matches(Phases[i].Enabled, Phases[i].RolloutPercentage, Phases[i].AllowedTiers, Phases[i].Segments))
                {
                    throw new ArgumentException(
                        $"Phases '{Phases[j].Name}' and '{Phases[i].Name}' deploy the same state.", nameof(phases));
                }
            }
        }
    }

    /// <summary>
    /// The plan for <c>action_plan_customization</c>: init (off) → internal (on, 0%, beta users only; 3 days)
    /// → beta (10%, pro and enterprise; 7 days) → expanded (50%, pro and enterprise; 7 days) → general (100%, all).
    /// </summary>
    public static RolloutPlan Default { get; } = new(
    [
        new("init", enabled: false, rolloutPercentage: 0),
        new("internal", enabled: true, rolloutPercentage: 0, plannedDuration: TimeSpan.FromDays(3),
            healthGate: new(MaxErrorRate: 0.001, MaxTaskUpdateP95Ms: 200)),
        new("beta", enabled: true, rolloutPercentage: 10, [UserTier.Pro, UserTier.Enterprise], TimeSpan.FromDays(7), WideGate),
        new("expanded", enabled: true, rolloutPercentage: 50, [UserTier.Pro, UserTier.Enterprise], TimeSpan.FromDays(7), WideGate),
        new("general", enabled: true, rolloutPercentage: 100),
    ]);

    /// <summary>The phases in rollout order.</summary>
    public ImmutableArray<RolloutPhase> Phases { get; }

    /// <summary>The phase named <paramref name="name"/> (case-insensitive), or <see langword="null"/>.</summary>
    /// <param name="name">A phase name, e.g. <c>Beta</c>.</param>
    /// <returns>The phase, or <see langword="null"/> when the plan has none of that name.</returns>
    public RolloutPhase? Find(string name)
    {
        int index = IndexOf(name);
        return index < 0 ? null : Phases[index];
    }

    /// <summary>The phase after <paramref name="phase"/>, or <see langword="null"/> when it is the last.</summary>
    /// <param name="phase">A phase of this plan (matched by name).</param>
    /// <returns>The next phase, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException">The phase is not in this plan.</exception>
    public RolloutPhase? Next(RolloutPhase phase)
    {
        int index = IndexOfPhase(phase);
        return index + 1 < Phases.Length ? Phases[index + 1] : null;
    }

    /// <summary>The phase before <paramref name="phase"/>, or <see langword="null"/> when it is the first.</summary>
    /// <param name="phase">A phase of this plan (matched by name).</param>
    /// <returns>The previous phase, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException">The phase is not in this plan.</exception>
    public RolloutPhase? Previous(RolloutPhase phase)
    {
        int index = IndexOfPhase(phase);
        return index > 0 ? Phases[index - 1] : null;
    }

    /// <summary>
    /// The phase whose switch, percentage, tiers and segments a flag has, or <see langword="null"/> when it matches
    /// none (after a rollback, or a hand-set percentage).
    /// </summary>
    /// <param name="enabled">The flag's kill switch.</param>
    /// <param name="rolloutPercentage">The flag's percentage.</param>
    /// <param name="allowedTiers">The flag's tiers, in any order; empty means all.</param>
    /// <param name="segments">The flag's segment names, in any order; <see langword="null"/> means none.</param>
    /// <returns>The matching phase, or <see langword="null"/>.</returns>
    public RolloutPhase? PhaseOf(bool enabled, int rolloutPercentage, IEnumerable<UserTier> allowedTiers,
        IEnumerable<string>? segments = null)
    {
        ImmutableArray<UserTier> tiers = UserTiers.Normalize(allowedTiers);
        ImmutableArray<string> names = RolloutPhase.NormalizeSegments(segments ?? []);
        return Phases.FirstOrDefault(phase => phase.Matches(enabled, rolloutPercentage, tiers, names));
    }

    /// <summary>The phase <paramref name="flag"/> is in, or <see langword="null"/>.</summary>
    /// <param name="flag">The flag.</param>
    /// <returns>The matching phase, or <see langword="null"/>.</returns>
    public RolloutPhase? PhaseOf(FlagState flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return PhaseOf(flag.Enabled, flag.RolloutPercentage, flag.AllowedTiers, flag.Segments.Select(s => s.Name));
    }

    private int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (int i = 0; i < Phases.Length; i++)
        {
            if (string.Equals(Phases[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private int IndexOfPhase(RolloutPhase phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        int index = IndexOf(phase.Name);
        return index >= 0 ? index : throw new ArgumentException($"Phase '{phase.Name}' is not in this plan.", nameof(phase));
    }
}

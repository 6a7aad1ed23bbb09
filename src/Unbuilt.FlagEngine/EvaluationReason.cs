namespace Unbuilt.FlagEngine;

/// <summary>
/// Why an evaluation came out as it did, in the order the rules are tried (first match wins). The names that
/// <see cref="EvaluationReasons.ToName"/> gives follow OpenFeature's resolution reasons.
/// </summary>
public enum EvaluationReason
{
    /// <summary>No flag of that name: off (<c>FLAG_NOT_FOUND</c>).</summary>
    FlagNotFound = 0,

    /// <summary>The flag's kill switch is off: off for everyone, beta users included (<c>DISABLED</c>).</summary>
    Disabled,

    /// <summary>
    /// The user has an explicit entry (a beta user, or blocked on purpose): its value; or the user is in a segment
    /// the flag targets: on (<see cref="Evaluation.Segment"/> names it) (<c>TARGETING_MATCH</c>).
    /// </summary>
    TargetingMatch,

    /// <summary>The flag is limited to tiers that do not include the user's: off (<c>TIER_EXCLUDED</c>).</summary>
    TierExcluded,

    /// <summary>The percentage rollout decided: on iff the user's bucket ≤ the percentage (<c>SPLIT</c>).</summary>
    Split,
}

/// <summary>The wire names of <see cref="EvaluationReason"/>.</summary>
public static class EvaluationReasons
{
    /// <summary>The OpenFeature-style name, e.g. <c>TARGETING_MATCH</c>. Does not allocate.</summary>
    /// <param name="reason">A defined reason.</param>
    /// <returns>The upper snake case name.</returns>
    public static string ToName(this EvaluationReason reason) => reason switch
    {
        EvaluationReason.FlagNotFound => "FLAG_NOT_FOUND",
        EvaluationReason.Disabled => "DISABLED",
        EvaluationReason.TargetingMatch => "TARGETING_MATCH",
        EvaluationReason.TierExcluded => "TIER_EXCLUDED",
        EvaluationReason.Split => "SPLIT",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not an evaluation reason."),
    };
}

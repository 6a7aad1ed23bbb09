namespace Unbuilt.FlagEngine;

/// <summary>The answer for one flag and one caller, with the reason for it.</summary>
/// <param name="Enabled">Whether the feature is on for the caller.</param>
/// <param name="Reason">Which rule decided.</param>
/// <param name="Bucket">
/// The caller's bucket (1..100) when the percentage rule decided for a known user; 0 when it was not computed.
/// </param>
public readonly record struct Evaluation(bool Enabled, EvaluationReason Reason, int Bucket)
{
    /// <summary>
    /// The name of the segment that matched when a segment decided (<see cref="EvaluationReason.TargetingMatch"/>);
    /// <see langword="null"/> otherwise. The segment's own string: reading it allocates nothing.
    /// </summary>
    public string? Segment { get; init; }

    /// <summary>The OpenFeature-style name of <see cref="Reason"/>, e.g. <c>SPLIT</c>.</summary>
    public string ReasonName => Reason.ToName();
}

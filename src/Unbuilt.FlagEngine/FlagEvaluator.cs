namespace Unbuilt.FlagEngine;

/// <summary>
/// The evaluation rules, first match wins:
/// <list type="number">
/// <item>no such flag → off, <see cref="EvaluationReason.FlagNotFound"/>;</item>
/// <item>kill switch off → off, <see cref="EvaluationReason.Disabled"/> (beats beta users);</item>
/// <item>an explicit entry for the user → its value, <see cref="EvaluationReason.TargetingMatch"/>;</item>
/// <item>the user is in a segment the flag targets → on, <see cref="EvaluationReason.TargetingMatch"/> with
/// <see cref="Evaluation.Segment"/> naming the first such segment (beats the tier rule and the percentage; an
/// anonymous caller is in no segment);</item>
/// <item>tiers set and the user's tier not among them → off, <see cref="EvaluationReason.TierExcluded"/>;</item>
/// <item>on iff the user's bucket ≤ the percentage, <see cref="EvaluationReason.Split"/>; a caller without a user
/// id has no bucket and is on only at 100%.</item>
/// </list>
/// Pure, lock-free and allocation-free.
/// </summary>
public static class FlagEvaluator
{
    /// <summary>Evaluates the flag named <paramref name="flagName"/> in <paramref name="snapshot"/>.</summary>
    /// <param name="snapshot">The flags.</param>
    /// <param name="flagName">The flag name (ordinal).</param>
    /// <param name="context">Who is asking.</param>
    /// <returns>The answer and its reason.</returns>
    public static Evaluation Evaluate(FlagSnapshot snapshot, string flagName, in FlagContext context)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Evaluate(snapshot.Find(flagName), context);
    }

    /// <summary>Evaluates an already resolved flag; <see langword="null"/> stands for a flag that does not exist.</summary>
    /// <param name="flag">The flag, or <see langword="null"/>.</param>
    /// <param name="context">Who is asking.</param>
    /// <returns>The answer and its reason.</returns>
    public static Evaluation Evaluate(FlagState? flag, in FlagContext context)
    {
        if (flag is null)
        {
            return new(false, EvaluationReason.FlagNotFound, 0);
        }

        if (!flag.Enabled)
        {
            return new(false, EvaluationReason.Disabled, 0);
        }

        if (context.UserId is int listedUser && flag.UserEntries.TryGetValue(listedUser, out bool listed))
        {
            return new(listed, EvaluationReason.TargetingMatch, 0);
        }

        if (flag.HasSegments && context.UserId is not null)
        {
            foreach (Segment segment in flag.Segments)
            {
                if (segment.Contains(context))
                {
                    return new(true, EvaluationReason.TargetingMatch, 0) { Segment = segment.Name };
                }
            }
        }

        if (!flag.AllowsTier(context.Tier))
        {
            return new(false, EvaluationReason.TierExcluded, 0);
        }

        if (context.UserId is not int userId)
        {
            return new(flag.RolloutPercentage == Bucket.Max, EvaluationReason.Split, 0);
        }

        int bucket = Bucket.For(flag.Utf8Name, userId);
        return new(bucket <= flag.RolloutPercentage, EvaluationReason.Split, bucket);
    }
}

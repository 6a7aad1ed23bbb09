namespace Unbuilt.FlagEngine;

/// <summary>Who a flag is evaluated for.</summary>
/// <param name="UserId">The signed-in user's id, or <see langword="null"/> for an anonymous caller.</param>
/// <param name="Tier">The user's tier (anonymous callers count as <see cref="UserTier.Free"/>).</param>
public readonly record struct FlagContext(int? UserId, UserTier Tier)
{
    /// <summary>An anonymous caller: sees a flag only at 100% rollout, and only when free is an allowed tier.</summary>
    public static FlagContext Anonymous => new(null, UserTier.Free);

    /// <summary>A signed-in user.</summary>
    /// <param name="userId">The user's id.</param>
    /// <param name="tier">The user's tier.</param>
    /// <returns>The context.</returns>
    public static FlagContext ForUser(int userId, UserTier tier) => new(userId, tier);
}

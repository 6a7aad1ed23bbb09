namespace Unbuilt.FlagEngine;

/// <summary>Who a flag is evaluated for.</summary>
/// <param name="UserId">The signed-in user's id, or <see langword="null"/> for an anonymous caller.</param>
/// <param name="Tier">The user's tier (anonymous callers count as <see cref="UserTier.Free"/>).</param>
public readonly record struct FlagContext(int? UserId, UserTier Tier)
{
    /// <summary>An anonymous caller: sees a flag only at 100% rollout, and only when free is an allowed tier.</summary>
    public static FlagContext Anonymous => new(null, UserTier.Free);

    /// <summary>The user's email address, for segments' email-domain conditions; <see langword="null"/> when unknown.</summary>
    public string? Email { get; init; }

    /// <summary>How old the user's account is, for segments' account-age conditions; <see langword="null"/> when unknown.</summary>
    public TimeSpan? AccountAge { get; init; }

    /// <summary>A signed-in user.</summary>
    /// <param name="userId">The user's id.</param>
    /// <param name="tier">The user's tier.</param>
    /// <returns>The context.</returns>
    public static FlagContext ForUser(int userId, UserTier tier) => new(userId, tier);

    /// <summary>A signed-in user with the attributes segments look at.</summary>
    /// <param name="userId">The user's id.</param>
    /// <param name="tier">The user's tier.</param>
    /// <param name="email">The user's email address.</param>
    /// <param name="accountAge">How old the account is (now minus its creation time).</param>
    /// <returns>The context.</returns>
    public static FlagContext ForUser(int userId, UserTier tier, string? email, TimeSpan? accountAge) =>
        new(userId, tier) { Email = email, AccountAge = accountAge };
}

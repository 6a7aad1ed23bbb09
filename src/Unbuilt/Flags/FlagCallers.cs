using System.Security.Claims;
using Unbuilt.Accounts;
using Unbuilt.Data.Accounts;
using Unbuilt.FlagEngine;

namespace Unbuilt.Flags;

/// The one way a user becomes a FlagContext, wherever a flag is evaluated for them: a request (its claims), the admin's
/// `evaluate`, the live channel's re-checks, adoption and success criteria (a user row). Each sees the same attributes,
/// so a user a segment lets in keeps the feature on every path. The email is passed only when it is trusted (an admin
/// made the account): nobody checked a self-service sign-up's address, so it must not buy membership of a domain
/// segment.
public static class FlagCallers
{
    public static FlagEngine.FlagContext For(int id, Tier tier, string email, bool emailTrusted, DateTime createdAt, DateTime now) =>
        FlagEngine.FlagContext.ForUser(id, tier.ToUserTier(), emailTrusted ? email : null, now - createdAt);

    /// The caller of a request, from its claims, or anonymous. The account's age is counted on the app's clock.
    public static FlagEngine.FlagContext FlagContext(this ClaimsPrincipal user, TimeProvider clock)
    {
        if (!int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var id))
            return FlagEngine.FlagContext.Anonymous;
        var age = clock.GetUtcNow() - user.AccountCreatedAt();
        return FlagEngine.FlagContext.ForUser(id, user.Tier().ToUserTier(), user.TrustedEmail(), age);
    }
}

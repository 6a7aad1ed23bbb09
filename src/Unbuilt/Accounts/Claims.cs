using System.Security.Claims;
using Unbuilt.Data.Accounts;
using Unbuilt.Data.Configurations;

namespace Unbuilt.Accounts;

public static class Claims
{
    public const string TierClaim = "tier";

    public static ClaimsPrincipal PrincipalFor(User user, string scheme) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Email, user.Email),
            new Claim(ClaimTypes.Role, LowercaseEnum.Name(user.Role)),
            new Claim(TierClaim, LowercaseEnum.Name(user.Tier)),
        ], scheme));

    public static int UserId(this ClaimsPrincipal principal) =>
        int.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The request is not authenticated."), System.Globalization.CultureInfo.InvariantCulture);

    public static Tier Tier(this ClaimsPrincipal principal) =>
        LowercaseEnum.Parse<Tier>(principal.FindFirstValue(TierClaim) ?? "free");
}

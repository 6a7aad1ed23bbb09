using System.Globalization;
using System.Security.Claims;
using Unbuilt.Data.Accounts;
using Unbuilt.Data.Configurations;

namespace Unbuilt.Accounts;

public static class Claims
{
    public const string TierClaim = "tier";
    /// When the account was created, as Unix seconds: segments' account-age conditions read it.
    public const string CreatedClaim = "created";
    /// The session's secret: what the cookie proves. Never shown; only its hash is stored.
    public const string SessionSecretClaim = "sid";
    /// The session row's id, added once the session has been checked on this request.
    public const string SessionIdClaim = "session";
    /// The API token's row id, on a token request.
    public const string TokenIdClaim = "token";
    /// The email again, only when it is trusted (an admin made the account): what email-domain segments look at.
    public const string TrustedEmailClaim = "trusted_email";

    public static ClaimsPrincipal PrincipalFor(User user, string scheme, string? sessionSecret = null, int? sessionId = null,
        int? tokenId = null)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Email, user.Email),
            new(ClaimTypes.Role, LowercaseEnum.Name(user.Role)),
            new(TierClaim, LowercaseEnum.Name(user.Tier)),
            new(CreatedClaim, new DateTimeOffset(DateTime.SpecifyKind(user.CreatedAt, DateTimeKind.Utc)).ToUnixTimeSeconds()
                .ToString(CultureInfo.InvariantCulture)),
        ];
        if (user.EmailTrusted) claims.Add(new Claim(TrustedEmailClaim, user.Email));
        if (sessionSecret is not null) claims.Add(new Claim(SessionSecretClaim, sessionSecret));
        if (sessionId is { } id) claims.Add(new Claim(SessionIdClaim, id.ToString(CultureInfo.InvariantCulture)));
        if (tokenId is { } token) claims.Add(new Claim(TokenIdClaim, token.ToString(CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static int UserId(this ClaimsPrincipal principal) =>
        int.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The request is not authenticated."), CultureInfo.InvariantCulture);

    /// The checked session of a cookie request; null for an API token.
    public static int? SessionId(this ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(SessionIdClaim), CultureInfo.InvariantCulture, out var id) ? id : null;

    /// The API token of a token request; null for a cookie.
    public static int? TokenId(this ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(TokenIdClaim), CultureInfo.InvariantCulture, out var id) ? id : null;

    public static string? SessionSecret(this ClaimsPrincipal principal) => principal.FindFirstValue(SessionSecretClaim);

    /// When the account was created (from the claim), or null on a principal without it.
    public static DateTimeOffset? AccountCreatedAt(this ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(CreatedClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// The caller's email when it is trusted, else null.
    public static string? TrustedEmail(this ClaimsPrincipal principal) => principal.FindFirstValue(TrustedEmailClaim);

    public static Tier Tier(this ClaimsPrincipal principal) =>
        LowercaseEnum.Parse<Tier>(principal.FindFirstValue(TierClaim) ?? "free");
}

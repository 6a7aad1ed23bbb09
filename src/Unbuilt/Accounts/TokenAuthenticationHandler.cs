using Unbuilt.Data.Accounts;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Unbuilt.Api;
using Unbuilt.Data;

namespace Unbuilt.Accounts;

/// `Authorization: Bearer ubt_…` (or `?access_token=` on WebSocket requests to /hubs). Revocation, and disabling the
/// token's user, take effect on the very next request: every request looks the token up.
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    UnbuiltDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public static string? TokenFrom(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header[7..].Trim();
        if (request.Path.StartsWithSegments("/hubs") && request.Query.TryGetValue("access_token", out var token))
            return token.ToString();
        return null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = TokenFrom(Request);
        if (secret is null) return AuthenticateResult.NoResult();
        var hash = TokenSecrets.Hash(secret);
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await LiveToken(db, hash, now, Context.RequestAborted);
        if (found?.User is null) return AuthenticateResult.Fail("The API token is invalid, expired or revoked.");
        if (found.LastUsedAt is null || now - found.LastUsedAt > LastUsedResolution)
        {
            // In a transaction, so on SQLite it queues for the writer slot with every other write (SqliteWriteGate)
            // instead of meeting a busy database and sleeping.
            await using var transaction = await db.Database.BeginTransactionAsync(Context.RequestAborted);
            await db.ApiTokens.Where(t => t.Id == found.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
            await transaction.CommitAsync(Context.RequestAborted);
        }
        return AuthenticateResult.Success(new AuthenticationTicket(Claims.PrincipalFor(found.User, SchemeName, tokenId: found.Id), SchemeName));
    }

    private sealed record FoundToken(int Id, DateTime? LastUsedAt, User? User);

    // Compiled: every API-token request runs it.
    private static readonly Func<UnbuiltDbContext, string, DateTime, CancellationToken, Task<FoundToken?>> LiveToken =
        EF.CompileAsyncQuery((UnbuiltDbContext db, string hash, DateTime now, CancellationToken ct) =>
            db.ApiTokens.AsNoTracking()
                .Where(t => t.TokenHash == hash && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now) &&
                            t.User!.DisabledAt == null)
                .Select(t => new FoundToken(t.Id, t.LastUsedAt, t.User))
                .FirstOrDefault());

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        await Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Not signed in",
            result.Failure?.Message ?? "Sign in, or send an API token as 'Authorization: Bearer <token>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "Your account may not do this.");
}

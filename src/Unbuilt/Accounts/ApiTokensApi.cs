using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Api;
using Unbuilt.Audit;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Accounts;

public sealed record CreateTokenRequest(string? Name, int? ExpiresInDays);

public sealed record TokenResponse(int Id, string Name, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt,
    DateTime? ExpiresAt, DateTime? RevokedAt);

/// The one answer that carries the secret; it is never shown again.
public sealed record CreatedTokenResponse(int Id, string Name, string Prefix, string Token, DateTime CreatedAt, DateTime? ExpiresAt);

public static class ApiTokensApi
{
    public static void MapApiTokens(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/api/me/tokens").RequireAuthorization().WithTags("Accounts");
        tokens.MapPost("/", Create);
        tokens.MapGet("/", List);
        tokens.MapDelete("/{id:int}", Revoke);
    }

    private static async Task<Results<Created<CreatedTokenResponse>, ValidationProblem>> Create(
        CreateTokenRequest request, HttpContext http, ApiTokenIssuer issuer, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("name", request.Name, 100);
        if (request.ExpiresInDays is < 1 or > 3650) errors.Add("expiresInDays", "expiresInDays must be between 1 and 3650.");
        if (errors.Any) return errors.ToProblem();
        var (token, secret) = await issuer.IssueAsync(http.User.UserId(), request.Name!.Trim(), request.ExpiresInDays, ct);
        return TypedResults.Created($"/api/me/tokens/{token.Id}",
            new CreatedTokenResponse(token.Id, token.Name, token.Prefix, secret, token.CreatedAt, token.ExpiresAt));
    }

    private static async Task<Ok<List<TokenResponse>>> List(HttpContext http, UnbuiltDbContext db, CancellationToken ct)
    {
        var userId = http.User.UserId();
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Id)
            .Select(t => new TokenResponse(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.ExpiresAt, t.RevokedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(tokens);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        int id, HttpContext http, UnbuiltDbContext db, AuditLog audit, TimeProvider clock, IAccessChanges access, CancellationToken ct)
    {
        var userId = http.User.UserId();
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId, ct);
        if (token is null) return Problems.NotFound($"You have no API token {id}.");
        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow().UtcDateTime;
            audit.Record("auth.token_revoked", AuditSeverity.Info, true, userId, "api_token", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(ct);
            access.UserChanged(userId); // the live connections the token opened close
        }
        return TypedResults.NoContent();
    }
}

/// Issues tokens for the API and the CLI (`unbuilt users token`, first start).
public sealed class ApiTokenIssuer(UnbuiltDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<(ApiToken Token, string Secret)> IssueAsync(int userId, string name, int? expiresInDays, CancellationToken ct)
    {
        var secret = TokenSecrets.New();
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new ApiToken
        {
            UserId = userId,
            Name = name,
            TokenHash = TokenSecrets.Hash(secret),
            Prefix = secret[..(TokenSecrets.Prefix.Length + 6)],
            CreatedAt = now,
            ExpiresAt = expiresInDays is { } days ? now.AddDays(days) : null,
        };
        db.ApiTokens.Add(token);
        audit.Record("auth.token_created", AuditSeverity.Info, true, userId, "api_token", details: new { name });
        await db.SaveChangesAsync(ct);
        return (token, secret);
    }
}

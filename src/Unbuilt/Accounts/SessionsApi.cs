using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Api;
using Unbuilt.Audit;
using Unbuilt.Data;

namespace Unbuilt.Accounts;

public sealed record SessionResponse(int Id, DateTime CreatedAt, DateTime LastSeenAt, DateTime ExpiresAt, string? UserAgent,
    string? Address, bool Current);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// The caller's own sign-ins: list them, end one, and change the password (which ends every other one).
public static class SessionsApi
{
    private const int MaxPasswordLength = PasswordPolicy.MaxLength;

    public static void MapSessions(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").RequireAuthorization().WithTags("Accounts");
        me.MapGet("/sessions", List);
        me.MapDelete("/sessions/{id:int}", Revoke);
        // Rate-limited like login: it checks a password.
        me.MapPost("/password", ChangePassword).RequireRateLimiting(RateLimits.LoginPolicy);
    }

    private static async Task<Ok<List<SessionResponse>>> List(HttpContext http, UserSessions sessions, CancellationToken ct)
    {
        var current = http.User.SessionId();
        var rows = await sessions.LiveOf(http.User.UserId()).AsNoTracking().OrderByDescending(s => s.LastSeenAt).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(s => new SessionResponse(s.Id, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.UserAgent,
            s.Address, s.Id == current)).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        int id, HttpContext http, UserSessions sessions, AuditLog audit, UnbuiltDbContext db, IAccessChanges access, CancellationToken ct)
    {
        var userId = http.User.UserId();
        // Someone else's session gets the same answer as none at all.
        if (!await sessions.LiveOf(userId).AnyAsync(s => s.Id == id, ct)) return Problems.NotFound($"You have no session {id}.");
        await sessions.RevokeAsync(userId, keep: null, only: id, ct);
        audit.Record("auth.session_revoked", AuditSeverity.Info, true, userId, "session",
            id.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
        await db.SaveChangesAsync(ct);
        access.UserChanged(userId);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest request, HttpContext http, UserAccounts accounts, UserSessions sessions, AuditLog audit,
        UnbuiltDbContext db, IAccessChanges access, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(request.CurrentPassword)) errors.Add("currentPassword", "currentPassword is required.");
        errors.CheckPassword("newPassword", request.NewPassword);
        if (request.CurrentPassword?.Length > MaxPasswordLength) errors.Add("currentPassword", "currentPassword is wrong.");
        if (errors.Any) return errors.ToProblem();

        var userId = http.User.UserId();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return Problems.Unauthorized("This account no longer exists.");
        if (!accounts.VerifyPassword(user, request.CurrentPassword!))
        {
            await audit.RecordNowAsync("auth.password_change_failed", AuditSeverity.Warning, false, userId, null, ct);
            return new FieldErrors().Add("currentPassword", "currentPassword is wrong.").ToProblem();
        }

        // The new hash and the revocation of the other sessions commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        accounts.SetPassword(user, request.NewPassword!);
        audit.Record("auth.password_changed", AuditSeverity.Info, true, userId);
        await db.SaveChangesAsync(ct);
        await sessions.RevokeAsync(userId, keep: http.User.SessionId(), only: null, ct);
        await transaction.CommitAsync(ct);
        access.UserChanged(userId);
        return TypedResults.NoContent();
    }
}

using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;
using Unbuilt.Settings;

namespace Unbuilt.Accounts;

/// Server-side sessions behind the auth cookie: started at sign-in, checked on every cookie request (through
/// SignedInUsers), ended by logout, by the user, by a password change or by an admin disabling the user.
public sealed class UserSessions(UnbuiltDbContext db, UnbuiltOptions options, SignedInUsers signedIn, TimeProvider clock)
{
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    /// A new session for <paramref name="user"/>, added to the context (the caller saves); returns its secret, which
    /// only the cookie carries.
    public string Start(User user, HttpContext http)
    {
        var secret = TokenSecrets.RandomValue();
        var now = clock.GetUtcNow().UtcDateTime;
        db.UserSessions.Add(new UserSession
        {
            UserId = user.Id,
            SecretHash = TokenSecrets.Hash(secret),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + options.Sessions.Absolute,
            UserAgent = Truncate(http.Request.Headers.UserAgent.ToString(), 200),
            Address = Truncate(http.Connection.RemoteIpAddress?.ToString(), 64),
        });
        return secret;
    }

    /// The live session with this secret and its enabled user, or null; records the use at most once a minute.
    public async Task<SignedInSession?> FindLiveAsync(string secretHash, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await Live(db, secretHash, now, now - options.Sessions.Idle, ct);
        if (found is null || now - found.LastSeenAt < LastSeenResolution) return found;
        // In a transaction, so on SQLite it queues for the writer slot with every other write (SqliteWriteGate).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.UserSessions.Where(s => s.Id == found.SessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), ct);
        await transaction.CommitAsync(ct);
        return found with { LastSeenAt = now };
    }

    public IQueryable<UserSession> LiveOf(int userId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var idleSince = now - options.Sessions.Idle;
        return db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now && s.LastSeenAt > idleSince);
    }

    /// Revokes the user's sessions (all but <paramref name="keep"/>, or only <paramref name="only"/>); returns how many.
    /// This node forgets them at once; other nodes within UserRefreshSeconds.
    public async Task<int> RevokeAsync(int userId, int? keep, int? only, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // In a transaction (the caller's, or one of its own), for SQLite's writer slot as above.
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var revoked = await db.UserSessions
            .Where(s => s.UserId == userId && s.RevokedAt == null && (keep == null || s.Id != keep) && (only == null || s.Id == only))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), ct);
        if (own is not null) await own.CommitAsync(ct);
        if (only is { } one) signedIn.ForgetSession(one);
        else signedIn.Forget(userId);
        return revoked;
    }

    // Compiled: a cookie request runs it whenever its kept session is older than UserRefreshSeconds.
    private static readonly Func<UnbuiltDbContext, string, DateTime, DateTime, CancellationToken, Task<SignedInSession?>> Live =
        EF.CompileAsyncQuery((UnbuiltDbContext db, string hash, DateTime now, DateTime idleSince, CancellationToken ct) =>
            db.UserSessions.AsNoTracking()
                .Where(s => s.SecretHash == hash && s.RevokedAt == null && s.ExpiresAt > now && s.LastSeenAt > idleSince &&
                            s.User!.DisabledAt == null)
                .Select(s => new SignedInSession(s.Id, s.LastSeenAt, s.User!))
                .FirstOrDefault());

    private static string? Truncate(string? value, int max) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= max ? value : value[..max];
}

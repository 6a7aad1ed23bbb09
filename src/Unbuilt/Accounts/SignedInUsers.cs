using System.Collections.Concurrent;
using Unbuilt.Data.Accounts;
using Unbuilt.Settings;

namespace Unbuilt.Accounts;

/// A live session as a cookie request sees it: the session row's id and last-seen time, and its user's row.
public sealed record SignedInSession(int SessionId, DateTime LastSeenAt, User User);

/// The sessions behind signed-in cookies, with their users' rows, each kept for Unbuilt:UserRefreshSeconds after it
/// was read. A cookie carries only the session's secret, so every cookie request needs the session and the current
/// user row; within that window a browser's further requests reuse them instead of querying again. A revocation or
/// a change through the API forgets the entry on this node at once; other nodes, and the CLI (which writes the
/// database directly), are seen once the window has passed.
public sealed class SignedInUsers(UnbuiltOptions options, TimeProvider clock)
{
    internal const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Entry> sessions = new(StringComparer.Ordinal);
    private readonly TimeSpan maxAge = TimeSpan.FromSeconds(Math.Max(0, options.UserRefreshSeconds));
    private long generation; // bumped by every Forget: a read that began before it must not be kept
    private long prunedAt;

    private sealed record Entry(SignedInSession Session, long ReadAt);

    internal int Count => sessions.Count;

    /// The session whose secret hashes to <paramref name="secretHash"/>: the kept one while it is fresh, else from
    /// <paramref name="read"/> (null: no such live session, never kept).
    public async Task<SignedInSession?> GetAsync(string secretHash, Func<CancellationToken, Task<SignedInSession?>> read,
        CancellationToken ct)
    {
        var now = clock.GetTimestamp();
        if (sessions.TryGetValue(secretHash, out var kept) && clock.GetElapsedTime(kept.ReadAt, now) < maxAge) return kept.Session;

        var before = Interlocked.Read(ref generation);
        var session = await read(ct);
        if (session is null)
        {
            sessions.TryRemove(secretHash, out _);
            return null;
        }
        if (maxAge > TimeSpan.Zero && Interlocked.Read(ref generation) == before)
        {
            if (sessions.Count >= PruneAbove && clock.GetElapsedTime(Interlocked.Read(ref prunedAt), now) >= maxAge) Prune(now);
            sessions[secretHash] = new Entry(session, now);
        }
        return session;
    }

    /// The user changed here (role, tier, disabled, password): every session of theirs is read again.
    public void Forget(int userId)
    {
        Interlocked.Increment(ref generation);
        foreach (var (hash, entry) in sessions)
            if (entry.Session.User.Id == userId) sessions.TryRemove(new KeyValuePair<string, Entry>(hash, entry));
    }

    /// One session was revoked here.
    public void ForgetSession(int sessionId)
    {
        Interlocked.Increment(ref generation);
        foreach (var (hash, entry) in sessions)
            if (entry.Session.SessionId == sessionId) sessions.TryRemove(new KeyValuePair<string, Entry>(hash, entry));
    }

    /// Every session is read again, as after a restart.
    public void ForgetAll()
    {
        Interlocked.Increment(ref generation);
        sessions.Clear();
    }

    /// Drops the entries past their window; at most once a window, so many sessions at once do not make every read a
    /// scan.
    private void Prune(long now)
    {
        Interlocked.Exchange(ref prunedAt, now);
        foreach (var (hash, entry) in sessions)
            if (clock.GetElapsedTime(entry.ReadAt, now) >= maxAge) sessions.TryRemove(new KeyValuePair<string, Entry>(hash, entry));
    }
}

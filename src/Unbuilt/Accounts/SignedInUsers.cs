using System.Collections.Concurrent;
using Unbuilt.Data.Accounts;
using Unbuilt.Hosting;

namespace Unbuilt.Accounts;

/// The user rows behind signed-in cookies, each kept for Unbuilt:UserRefreshSeconds after it was read. A cookie
/// carries the role and tier it was issued with, so every cookie request needs the current row; within that window a
/// user's further requests reuse it instead of querying again. A change through the admin API forgets the row on
/// this node at once; other nodes, and `unbuilt users set-tier/set-role` (which write the database directly), are
/// seen once the window has passed.
public sealed class SignedInUsers(UnbuiltOptions options, TimeProvider clock)
{
    internal const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<int, Entry> users = new();
    private readonly TimeSpan maxAge = TimeSpan.FromSeconds(Math.Max(0, options.UserRefreshSeconds));
    private long generation; // bumped by Forget: a read that began before it must not be kept
    private long prunedAt;

    private sealed record Entry(User User, long ReadAt);

    internal int Count => users.Count;

    /// <paramref name="id"/>'s row: the kept one while it is fresh, else from <paramref name="read"/> (null: no such
    /// user, never kept).
    public async Task<User?> GetAsync(int id, Func<CancellationToken, Task<User?>> read, CancellationToken ct)
    {
        var now = clock.GetTimestamp();
        if (users.TryGetValue(id, out var kept) && clock.GetElapsedTime(kept.ReadAt, now) < maxAge) return kept.User;

        var before = Interlocked.Read(ref generation);
        var user = await read(ct);
        if (user is null)
        {
            users.TryRemove(id, out _);
            return null;
        }
        if (maxAge > TimeSpan.Zero && Interlocked.Read(ref generation) == before)
        {
            if (users.Count >= PruneAbove && clock.GetElapsedTime(Interlocked.Read(ref prunedAt), now) >= maxAge) Prune(now);
            users[id] = new Entry(user, now);
        }
        return user;
    }

    /// The user changed here: the next request reads the row again.
    public void Forget(int id)
    {
        Interlocked.Increment(ref generation);
        users.TryRemove(id, out _);
    }

    /// Every row is read again, as after a restart.
    public void ForgetAll()
    {
        Interlocked.Increment(ref generation);
        users.Clear();
    }

    /// Drops the rows past their window; at most once a window, so many users at once do not make every read a scan.
    private void Prune(long now)
    {
        Interlocked.Exchange(ref prunedAt, now);
        foreach (var (id, entry) in users)
            if (clock.GetElapsedTime(entry.ReadAt, now) >= maxAge) users.TryRemove(new KeyValuePair<int, Entry>(id, entry));
    }
}

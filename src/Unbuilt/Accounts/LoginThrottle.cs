using System.Collections.Concurrent;
using Unbuilt.Api;
using Unbuilt.Settings;

namespace Unbuilt.Accounts;

/// Failed logins, counted so that guessing is slowed but the owner is never locked out (the device-cookie scheme):
/// an attempt from a browser that carries the account's device cookie counts only against that browser; any other
/// attempt counts against the account (for browsers without its cookie) and against the client address. Past the
/// limit an attempt waits, 30 s at first and doubling with each further failure up to 15 minutes; a count is
/// forgotten 15 minutes after its last failure, and an account's (or a device's) when a login through it succeeds. Each node counts its own.
public sealed class LoginThrottle(UnbuiltOptions options, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(30);
    internal const int PruneAbove = 100_000;

    private readonly ConcurrentDictionary<string, Count> counts = new(StringComparer.Ordinal);
    private long prunedAt;

    private readonly record struct Count(int Failures, DateTimeOffset Last);

    /// Who an attempt is: the normalized email, the client address, and the device cookie's id when the browser
    /// carries a valid one for that email.
    public readonly record struct Attempt(string Email, string Address, string? Device);

    public static Attempt For(HttpContext http, string email, string? device) => new(email, RateLimits.ClientAddress(http), device);

    /// How long the attempt must wait, or null when it may go ahead.
    public TimeSpan? LockedFor(Attempt attempt)
    {
        var limits = options.RateLimits;
        if (attempt.Device is { } device) return Wait("device:" + device, limits.FailedLoginsPerEmail);
        return Max(Wait("email:" + attempt.Email, limits.FailedLoginsPerEmail), Wait("address:" + attempt.Address, limits.FailedLoginsPerAddress));
    }

    public void Failed(Attempt attempt)
    {
        var now = clock.GetUtcNow();
        if (attempt.Device is { } device) Bump("device:" + device, now);
        else
        {
            Bump("email:" + attempt.Email, now);
            Bump("address:" + attempt.Address, now);
        }
        if (counts.Count > PruneAbove && now.UtcTicks - Interlocked.Read(ref prunedAt) > Window.Ticks) Prune(now);
    }

    /// The right password: the account's count (or this browser's) is forgotten. The address's is not, or signing
    /// in to one's own account would wipe the failures of a password spray from the same address.
    public void Succeeded(Attempt attempt) =>
        counts.TryRemove(attempt.Device is { } device ? "device:" + device : "email:" + attempt.Email, out _);

    /// Every count is forgotten, as after a restart.
    public void ForgetAll() => counts.Clear();

    private TimeSpan? Wait(string key, int limit)
    {
        if (!counts.TryGetValue(key, out var count) || count.Failures < limit) return null;
        var doublings = Math.Min(count.Failures - limit, 10);
        var wait = TimeSpan.FromTicks(Math.Min(FirstWait.Ticks << doublings, Window.Ticks));
        var remaining = count.Last + wait - clock.GetUtcNow();
        return remaining > TimeSpan.Zero ? remaining : null;
    }

    private void Bump(string key, DateTimeOffset now) =>
        counts.AddOrUpdate(key, new Count(1, now),
            (_, count) => now - count.Last > Window ? new Count(1, now) : new Count(count.Failures + 1, now));

    private void Prune(DateTimeOffset now)
    {
        Interlocked.Exchange(ref prunedAt, now.UtcTicks);
        foreach (var (key, count) in counts)
            if (now - count.Last > Window) counts.TryRemove(new KeyValuePair<string, Count>(key, count));
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;
}

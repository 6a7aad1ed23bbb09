using System.Collections.Concurrent;
using Unbuilt.Hosting;

namespace Unbuilt.Accounts;

/// Counts failed logins per email over a fixed 15-minute window, so guessing one account's password from many
/// addresses is slowed as much as guessing from one (the per-address limit is the rate limiter's).
public sealed class LoginThrottle(UnbuiltOptions options, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Start, int Failures)> failures = new(StringComparer.Ordinal);

    /// When the email is locked out, how long until it may try again.
    public TimeSpan? LockedFor(string email)
    {
        if (!failures.TryGetValue(email, out var entry)) return null;
        var remaining = entry.Start + Window - clock.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            failures.TryRemove(email, out _);
            return null;
        }
        return entry.Failures >= options.RateLimits.FailedLoginsPerEmail ? remaining : null;
    }

    public void Failed(string email)
    {
        var now = clock.GetUtcNow();
        failures.AddOrUpdate(email, (now, 1),
            (_, entry) => now - entry.Start > Window ? (now, 1) : (entry.Start, entry.Failures + 1));
    }

    public void Succeeded(string email) => failures.TryRemove(email, out _);
}

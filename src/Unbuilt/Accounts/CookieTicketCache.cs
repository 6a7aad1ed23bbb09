using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Unbuilt.Settings;

namespace Unbuilt.Accounts;

/// The cookie's ticket as it decrypted, kept for `Unbuilt:Sessions:TicketCacheSeconds` by the cookie's exact text, so
/// a browser's further requests do not decrypt the same cookie again (DataProtection's AES and HMAC on every request).
/// Only what decrypted is kept: a tampered or foreign cookie never matches a kept text, is decrypted and refused.
/// The kept ticket is only the cookie's content (the session's secret): the session itself is still checked against
/// the database (`SignedInUsers`, at most `UserRefreshSeconds` old) on every request, so a revocation counts as
/// before. At most `TicketCacheSize` cookies are kept; past that the expired ones are dropped, and when none are,
/// no more are kept until some expire.
public sealed class CookieTicketCache(ISecureDataFormat<AuthenticationTicket> inner, SessionLifetimeOptions options,
    TimeProvider clock) : ISecureDataFormat<AuthenticationTicket>
{
    private readonly ConcurrentDictionary<(string Text, string? Purpose), Entry> tickets = new();
    private readonly TimeSpan maxAge = TimeSpan.FromSeconds(Math.Max(0, options.TicketCacheSeconds));
    private readonly int maxCount = Math.Max(0, options.TicketCacheSize);
    private long prunedAt;

    private sealed record Entry(AuthenticationTicket Ticket, long ReadAt);

    internal int Count => tickets.Count;

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || maxAge <= TimeSpan.Zero || maxCount == 0) return inner.Unprotect(protectedText, purpose);
        var now = clock.GetTimestamp();
        var key = (protectedText, purpose);
        if (tickets.TryGetValue(key, out var kept))
        {
            if (clock.GetElapsedTime(kept.ReadAt, now) < maxAge) return Copy(kept.Ticket);
            tickets.TryRemove(new KeyValuePair<(string, string?), Entry>(key, kept));
        }
        var ticket = inner.Unprotect(protectedText, purpose);
        if (ticket is null) return null;
        if (tickets.Count >= maxCount) Prune(now);
        if (tickets.Count < maxCount) tickets[key] = new Entry(Copy(ticket), now);
        return ticket;
    }

    /// Each request gets its own ticket: the cookie handler and its events may change the principal or properties.
    /// (ClaimsPrincipal.Clone shares its identities, so each identity is copied.)
    private static AuthenticationTicket Copy(AuthenticationTicket ticket) =>
        new(new ClaimsPrincipal(ticket.Principal.Identities.Select(identity => identity.Clone())), ticket.Properties.Clone(),
            ticket.AuthenticationScheme);

    /// Drops the expired entries; at most once a window, so a full cache does not make every miss a scan.
    private void Prune(long now)
    {
        if (clock.GetElapsedTime(Interlocked.Read(ref prunedAt), now) < maxAge) return;
        Interlocked.Exchange(ref prunedAt, now);
        foreach (var (key, entry) in tickets)
            if (clock.GetElapsedTime(entry.ReadAt, now) >= maxAge) tickets.TryRemove(new KeyValuePair<(string, string?), Entry>(key, entry));
    }
}

/// Wraps the cookie scheme's ticket format (set by ASP.NET's own post-configuration, which runs first) in the cache.
internal sealed class CookieTicketCacheSetup(UnbuiltOptions options, TimeProvider clock)
    : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions cookie)
    {
        if (name != AccountsSetup.CookieScheme || cookie.TicketDataFormat is null or CookieTicketCache) return;
        cookie.TicketDataFormat = new CookieTicketCache(cookie.TicketDataFormat, options.Sessions, clock);
    }
}

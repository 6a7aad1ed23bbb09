using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Unbuilt.Accounts;
using Unbuilt.Settings;

namespace Unbuilt.Tests.Accounts;

/// The cookie's decrypted ticket: kept by the cookie's exact text for its window, never for a cookie that did not
/// decrypt, and never more than the bound.
public sealed class CookieTicketCacheTests
{
    /// Decrypts "good:NAME" (with no purpose) to a ticket for NAME and refuses anything else, counting every call.
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public int Unprotects { get; private set; }
        public string Protect(AuthenticationTicket data) => Protect(data, null);
        public string Protect(AuthenticationTicket data, string? purpose) => "good:" + data.Principal.Identity!.Name;
        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotects++;
            if (protectedText is null || purpose is not null || !protectedText.StartsWith("good:", StringComparison.Ordinal)) return null;
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, protectedText[5..])], "Cookies");
            return new AuthenticationTicket(new ClaimsPrincipal(identity), new AuthenticationProperties(), "Cookies");
        }
    }

    private readonly ManualClock clock = new();
    private readonly CountingFormat inner = new();

    private CookieTicketCache Cache(int seconds = 60, int size = 100) =>
        new(inner, new SessionLifetimeOptions { TicketCacheSeconds = seconds, TicketCacheSize = size }, clock);

    [Fact]
    public void A_cookie_is_decrypted_once_within_the_window_and_again_after_it()
    {
        var cache = Cache(seconds: 60);
        Assert.Equal("ada", cache.Unprotect("good:ada")!.Principal.Identity!.Name);
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("ada", cache.Unprotect("good:ada")!.Principal.Identity!.Name);
        Assert.Equal(1, inner.Unprotects);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(cache.Unprotect("good:ada"));
        Assert.Equal(2, inner.Unprotects);
    }

    [Fact]
    public void A_tampered_cookie_is_never_served_from_the_cache()
    {
        var cache = Cache();
        Assert.NotNull(cache.Unprotect("good:ada"));

        Assert.Null(cache.Unprotect("g00d:ada"));
        Assert.Null(cache.Unprotect("Good:ada"));
        Assert.Null(cache.Unprotect("good:ada", purpose: "another"));  // another purpose is another key
        Assert.Equal(4, inner.Unprotects);
    }

    [Fact]
    public void A_cookie_that_did_not_decrypt_is_never_kept()
    {
        var cache = Cache();
        Assert.Null(cache.Unprotect("bad:ada"));
        Assert.Null(cache.Unprotect("bad:ada"));
        Assert.Equal(2, inner.Unprotects);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Each_request_gets_its_own_ticket()
    {
        var cache = Cache();
        var first = cache.Unprotect("good:ada")!;
        first.Properties.Items["changed"] = "by a handler";
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim("extra", "1"));

        var second = cache.Unprotect("good:ada")!;

        Assert.False(second.Properties.Items.ContainsKey("changed"));
        Assert.Null(second.Principal.FindFirst("extra"));
        Assert.NotSame(cache.Unprotect("good:ada"), second);
    }

    [Fact]
    public void No_more_than_the_bound_are_kept_and_expired_ones_make_room()
    {
        var cache = Cache(seconds: 60, size: 3);
        foreach (var name in new[] { "a", "b", "c", "d" }) cache.Unprotect("good:" + name);
        Assert.Equal(3, cache.Count);
        cache.Unprotect("good:d");
        Assert.Equal(5, inner.Unprotects); // "d" was not kept

        clock.Advance(TimeSpan.FromSeconds(60));
        cache.Unprotect("good:e");
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Zero_seconds_decrypts_every_time()
    {
        var cache = Cache(seconds: 0);
        cache.Unprotect("good:ada");
        cache.Unprotect("good:ada");
        Assert.Equal(2, inner.Unprotects);
        Assert.Equal(0, cache.Count);
    }
}

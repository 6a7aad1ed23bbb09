using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Unbuilt.Accounts;
using Unbuilt.Data.Accounts;
using Unbuilt.Settings;

namespace Unbuilt.Benchmarks;

/// The cookie check's decryption: one cookie as sign-in issues it (the user's claims, a session secret, its expiry) read back by
/// ASP.NET's own ticket format (`Decrypt`) and through `CookieTicketCache` once it holds the cookie (`Kept`).
[MemoryDiagnoser]
public class CookieTicketBenchmarks
{
    private TicketDataFormat plain = null!;
    private CookieTicketCache cache = null!;
    private string cookie = null!;

    [GlobalSetup]
    public void Setup()
    {
        var protector = DataProtectionProvider.Create("unbuilt-bench")
            .CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", "Cookies", "v2");
        plain = new TicketDataFormat(protector);
        cache = new CookieTicketCache(plain, new SessionLifetimeOptions(), TimeProvider.System);
        var user = new User { Id = 42, Email = "ada@example.com", DisplayName = "Ada", PasswordHash = "x" };
        var principal = Claims.PrincipalFor(user, AccountsSetup.CookieScheme, Convert.ToBase64String(new byte[32]));
        var properties = new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow, ExpiresUtc = DateTimeOffset.UtcNow.AddDays(14) };
        cookie = plain.Protect(new AuthenticationTicket(principal, properties, AccountsSetup.CookieScheme));
        if (cache.Unprotect(cookie) is null) throw new InvalidOperationException("The cookie did not decrypt.");
    }

    [Benchmark(Baseline = true)]
    public AuthenticationTicket? Decrypt() => plain.Unprotect(cookie);

    [Benchmark]
    public AuthenticationTicket? Kept() => cache.Unprotect(cookie);
}

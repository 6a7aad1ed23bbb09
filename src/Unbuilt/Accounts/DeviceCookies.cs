using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Unbuilt.Accounts;

/// The device cookie: proof that this browser once signed in to an account, so failures from elsewhere do not lock
/// it out (see LoginThrottle). Signed and encrypted with Data Protection (keys in the database, so valid on every
/// node); it names the email and a random id that the browser's own failures count against.
public sealed class DeviceCookies(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "unbuilt_device";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);
    private readonly ITimeLimitedDataProtector protector =
        protection.CreateProtector("Unbuilt.Accounts.DeviceCookie.v1").ToTimeLimitedDataProtector();

    /// The device id of the browser's cookie, when it is valid and was issued for <paramref name="email"/>.
    public string? DeviceFor(HttpContext http, string email)
    {
        var value = http.Request.Cookies[CookieName];
        if (string.IsNullOrEmpty(value) || value.Length > 1000) return null;
        try
        {
            var payload = protector.Unprotect(value, out var expires);
            if (expires < clock.GetUtcNow()) return null;
            var separator = payload.IndexOf('\n', StringComparison.Ordinal);
            return separator > 0 && string.Equals(payload[..separator], email, StringComparison.Ordinal) ? payload[(separator + 1)..] : null;
        }
        catch (CryptographicException)
        {
            return null; // forged, tampered with, expired or from unknown keys: as if there were none
        }
    }

    public void Issue(HttpContext http, string email)
    {
        var expires = clock.GetUtcNow() + Lifetime;
        var value = protector.Protect(email + "\n" + TokenSecrets.RandomValue(16), expires);
        http.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/api/auth",
            Expires = expires,
        });
    }
}

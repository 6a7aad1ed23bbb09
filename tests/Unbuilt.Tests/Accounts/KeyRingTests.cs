using System.Net.Http.Json;
using System.Security.Claims;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Accounts;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Tests.Accounts;

/// The attack: with every row of data_protection_keys (a database copy or dump), mint a cookie for an admin.
public sealed class KeyRingTests(UnbuiltServer server) : IntegrationTest(server)
{
    // A cookie also needs a live session's secret, which the database keeps only hashed: these tests hand the forger
    // the signed-in admin's secret too, so that the key ring is the only thing standing between a copy and a cookie.
    [Fact]
    public async Task A_database_copy_without_the_key_ring_key_cannot_forge_an_admin_cookie()
    {
        var (admin, cookie) = await SignedInAdminAsync();
        var stolen = await StolenKeyRowsAsync();
        var secret = SessionSecretOf(stolen, Server.Services.GetRequiredService<KeyEncryptionKey>(), cookie);

        var forged = TryForge(stolen, admin.Id, secret, keyEncryptionKey: null);

        if (forged is not null) Assert.Equal(401, (int)(await AdminUsersWith(Server, forged)).StatusCode);
    }

    [Fact]
    public async Task The_same_rows_with_the_key_ring_key_do_forge_one_so_the_attack_above_is_real()
    {
        var (admin, cookie) = await SignedInAdminAsync();
        var stolen = await StolenKeyRowsAsync();
        var keyEncryptionKey = Server.Services.GetRequiredService<KeyEncryptionKey>();

        var forged = TryForge(stolen, admin.Id, SessionSecretOf(stolen, keyEncryptionKey, cookie), keyEncryptionKey);

        Assert.NotNull(forged);
        Assert.Equal(200, (int)(await AdminUsersWith(Server, forged)).StatusCode);
    }

    [Fact]
    public async Task The_keys_in_the_database_hold_no_plaintext_master_key()
    {
        await SignedInAdminAsync();
        var rows = await StolenKeyRowsAsync();

        Assert.NotEmpty(rows);
        Assert.All(rows, xml =>
        {
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("<sealed keyId=", xml, StringComparison.Ordinal);
        });
    }

    private async Task<(TestUser Admin, string Cookie)> SignedInAdminAsync()
    {
        var admin = await Server.CreateUserAsync("root@example.com", role: Role.Admin);
        // Signing in makes the server create its first key, if it has none yet.
        return (admin, await SignInAsync(Server, admin));
    }

    /// Signs in as a browser does and returns the auth cookie's value.
    internal static async Task<string> SignInAsync(UnbuiltServer server, TestUser user)
    {
        using var browser = server.Client();
        var response = await browser.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = UnbuiltServer.Password });
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        var header = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AccountsSetup.CookieName + "=", StringComparison.Ordinal));
        return header[(AccountsSetup.CookieName.Length + 1)..header.IndexOf(';', StringComparison.Ordinal)];
    }

    /// The session secret inside a real cookie, read with the same key ring the forger holds.
    internal static string SessionSecretOf(List<string> rows, KeyEncryptionKey? keyEncryptionKey, string cookie)
    {
        using var provider = Forger(rows, keyEncryptionKey);
        var ticket = new TicketDataFormat(CookieProtector(provider)).Unprotect(cookie);
        return ticket?.Principal.FindFirstValue(Claims.SessionSecretClaim) ?? throw new InvalidOperationException("The cookie could not be read.");
    }

    private Task<List<string>> StolenKeyRowsAsync() =>
        DbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());

    internal static Task<HttpResponseMessage> AdminUsersWith(UnbuiltServer target, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/users");
        request.Headers.Add("Cookie", $"{AccountsSetup.CookieName}={cookie}");
        return target.Client().SendAsync(request);
    }

    /// What an attacker runs offline: Data Protection fed the stolen rows and nothing else. Null when it cannot sign.
    internal static string? TryForge(List<string> rows, int userId, string sessionSecret, KeyEncryptionKey? keyEncryptionKey)
    {
        using var provider = Forger(rows, keyEncryptionKey);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Role, "admin"), new Claim(Claims.SessionSecretClaim, sessionSecret)], AccountsSetup.CookieScheme);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), AccountsSetup.CookieScheme);
        try
        {
            return new TicketDataFormat(CookieProtector(provider)).Protect(ticket);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            return null; // no usable key: the sealed ones cannot be opened
        }
    }

    private static ServiceProvider Forger(List<string> rows, KeyEncryptionKey? keyEncryptionKey)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("unbuilt").DisableAutomaticKeyGeneration();
        services.Configure<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o => o.XmlRepository = new StolenRows(rows));
        if (keyEncryptionKey is not null) services.AddSingleton(keyEncryptionKey);
        return services.BuildServiceProvider();
    }

    private static IDataProtector CookieProtector(IServiceProvider provider) =>
        provider.GetRequiredService<IDataProtectionProvider>().CreateProtector(
            "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", AccountsSetup.CookieScheme, "v2");

    private sealed class StolenRows(List<string> rows) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => rows.Select(XElement.Parse).ToList();

        public void StoreElement(XElement element, string friendlyName) { }
    }
}

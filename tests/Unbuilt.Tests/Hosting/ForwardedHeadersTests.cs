using Microsoft.Extensions.Configuration;
using System.Net.Http.Json;
using Unbuilt.Hosting;

namespace Unbuilt.Tests.Hosting;

/// The test client stands in for a TLS-terminating proxy on 127.0.0.1.
public sealed class BehindProxyServer : UnbuiltServer
{
    protected override IEnumerable<string> Settings =>
        ["Unbuilt:ForwardedHeaders:KnownProxies=127.0.0.1", "Unbuilt:AllowedOrigins=https://plans.example.com; http://localhost:5173"];
}

public sealed class BehindProxyTests(BehindProxyServer server) : IntegrationTest<BehindProxyServer>(server)
{
    [Fact]
    public async Task Https_at_a_known_proxy_makes_the_cookies_secure_and_turns_on_hsts()
    {
        var login = await SignInAsync(Server, forwardedProto: "https");

        Assert.Contains("secure", Cookie(login, "unbuilt_auth"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", Cookie(login, "unbuilt_csrf"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("max-age=31536000", string.Join(",", login.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task A_listed_origin_may_write_and_an_unlisted_one_may_not()
    {
        await Server.CreateUserAsync("ada@example.com");
        foreach (var (origin, status) in new[] { ("https://plans.example.com", 200), ("http://localhost:5173", 200), ("https://evil.example", 403) })
        {
            var request = Login("ada@example.com");
            request.Headers.Add("Origin", origin);
            Assert.Equal(status, (int)(await Server.Client().SendAsync(request)).StatusCode);
        }
    }

    [Fact]
    public void A_setting_that_is_not_an_address_range_or_origin_stops_the_start()
    {
        Assert.Contains("KnownProxies has '10.0.0.300'", Refusal(new() { ["Unbuilt:ForwardedHeaders:KnownProxies"] = "10.0.0.300" }));
        Assert.Contains("KnownNetworks has '10.0.0.0'", Refusal(new() { ["Unbuilt:ForwardedHeaders:KnownNetworks"] = "10.0.0.0" }));
        Assert.Contains("AllowedOrigins has 'https://x.example/app'", Refusal(new() { ["Unbuilt:AllowedOrigins"] = "https://x.example/app" }));
    }

    private static string Refusal(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return Assert.Throws<InvalidOperationException>(() =>
        {
            ForwardedHeadersSetup.From(configuration);
            OriginCheck.Parse(configuration[OriginCheck.Setting]);
        }).Message;
    }

    internal static async Task<HttpResponseMessage> SignInAsync(UnbuiltServer server, string forwardedProto)
    {
        await server.CreateUserAsync("ada@example.com");
        var request = Login("ada@example.com");
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var login = await server.Client().SendAsync(request);
        Assert.Equal(200, (int)login.StatusCode);
        return login;
    }

    internal static string Cookie(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(name + "=", StringComparison.Ordinal));

    private static HttpRequestMessage Login(string email) => new(HttpMethod.Post, "/api/auth/login")
    {
        Content = JsonContent.Create(new { email, password = UnbuiltServer.Password }),
    };
}

/// Without a configured proxy, nobody's forwarded headers count.
public sealed class NoProxyTests(UnbuiltServer server) : IntegrationTest(server)
{
    [Fact]
    public async Task Forwarded_https_from_an_unconfigured_proxy_is_ignored()
    {
        var login = await BehindProxyTests.SignInAsync(Server, forwardedProto: "https");

        Assert.DoesNotContain("secure", BehindProxyTests.Cookie(login, "unbuilt_auth"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", BehindProxyTests.Cookie(login, "unbuilt_csrf"), StringComparison.OrdinalIgnoreCase);
        Assert.False(login.Headers.Contains("Strict-Transport-Security"));
    }
}

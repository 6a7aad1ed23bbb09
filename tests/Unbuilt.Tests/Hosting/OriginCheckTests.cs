using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using Unbuilt.Tests.Plans;

namespace Unbuilt.Tests.Hosting;

/// The attack: a page on another site makes the signed-in browser write, or open the live channel, with its cookie.
public sealed class OriginCheckTests(UnbuiltServer server) : PlanTest<UnbuiltServer>(server)
{
    private const string Evil = "https://evil.example";

    [Fact]
    public async Task A_cookie_write_from_a_foreign_origin_is_403_and_changes_nothing()
    {
        var (browser, plan) = await SignedInBrowserWithPlanAsync();

        var response = await browser.SendAsync(Rename(plan, "Hijacked", Evil));

        await AssertProblem(response, 403);
        Assert.NotEqual("Hijacked", (await GetPlanAsync(browser, plan)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_same_write_from_the_apps_own_origin_or_without_an_origin_goes_through()
    {
        var (browser, plan) = await SignedInBrowserWithPlanAsync();

        await OkJson(browser.SendAsync(Rename(plan, "Mine", Server.BaseAddress.GetLeftPart(UriPartial.Authority))));
        await OkJson(browser.SendAsync(Rename(plan, "Scripted", origin: null)));

        Assert.Equal("Scripted", (await GetPlanAsync(browser, plan)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_bearer_write_is_not_checked_since_it_carries_no_ambient_credentials()
    {
        var owner = await UserAsync("ada@example.com");
        var plan = (await CreatePlanAsync(owner)).GetProperty("id").GetInt32();
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/plans/{plan}") { Content = JsonContent.Create(new { title = "Scripted" }) };
        request.Headers.Add("Origin", Evil);

        await OkJson(owner.SendAsync(request));
    }

    [Fact]
    public async Task A_sign_in_posted_from_a_foreign_origin_is_refused()
    {
        await TestUserAsync("ada@example.com");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { email = "ada@example.com", password = UnbuiltServer.Password }),
        };
        request.Headers.Add("Origin", Evil);

        await AssertProblem(await Server.Client().SendAsync(request), 403);
    }

    [Fact]
    public async Task The_live_channel_refuses_a_cookie_handshake_from_a_foreign_origin_and_accepts_its_own()
    {
        var (cookies, _) = await SignInAsync();

        using var foreign = Socket(cookies, Evil);
        await Assert.ThrowsAsync<WebSocketException>(() => foreign.ConnectAsync(HubUri(), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.HttpStatusCode);

        using var own = Socket(cookies, Server.BaseAddress.GetLeftPart(UriPartial.Authority));
        await own.ConnectAsync(HubUri(), CancellationToken.None);
        Assert.Equal(WebSocketState.Open, own.State);
        await own.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, default);
        var buffer = new byte[256];
        var answer = await own.ReceiveAsync(buffer, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        Assert.Equal("{}\u001e", Encoding.UTF8.GetString(buffer, 0, answer.Count));
    }

    private static ClientWebSocket Socket(CookieContainer cookies, string origin)
    {
        var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies;
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", origin);
        return socket;
    }

    private Uri HubUri() => new UriBuilder(new Uri(Server.BaseAddress, "/hubs/plans")) { Scheme = "ws" }.Uri;

    private async Task<(CookieContainer Cookies, HttpClient Browser)> SignInAsync()
    {
        var user = await TestUserAsync("ada@example.com");
        var cookies = new CookieContainer();
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = Server.BaseAddress };
        await OkJson(browser.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = UnbuiltServer.Password }));
        browser.DefaultRequestHeaders.Add("X-CSRF-Token", cookies.GetCookies(Server.BaseAddress)["unbuilt_csrf"]!.Value);
        return (cookies, browser);
    }

    private async Task<(HttpClient Browser, int Plan)> SignedInBrowserWithPlanAsync()
    {
        var (_, browser) = await SignInAsync();
        return (browser, (await CreatePlanAsync(browser)).GetProperty("id").GetInt32());
    }

    private static HttpRequestMessage Rename(int plan, string title, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/plans/{plan}") { Content = JsonContent.Create(new { title }) };
        if (origin is not null) request.Headers.Add("Origin", origin);
        return request;
    }
}

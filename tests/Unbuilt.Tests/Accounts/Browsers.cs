using System.Net;
using System.Net.Http.Json;

namespace Unbuilt.Tests.Accounts;

/// A browser against the real server: a cookie jar, sign-in, and writes that send the CSRF header as the web app does.
public sealed class Browser(UnbuiltServer server)
{
    public CookieContainer Cookies { get; } = new();
    private HttpClient? client;

    public HttpClient Client => client ??= new HttpClient(new HttpClientHandler { CookieContainer = Cookies }) { BaseAddress = server.BaseAddress };

    public string? Cookie(string name) => Cookies.GetCookies(server.BaseAddress)[name]?.Value;

    public Task<HttpResponseMessage> LoginAsync(string email, string password = UnbuiltServer.Password) =>
        Client.PostAsJsonAsync("/api/auth/login", new { email, password });

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? csrf = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        request.Headers.Add("X-CSRF-Token", csrf ?? Cookie("unbuilt_csrf") ?? "");
        return Client.SendAsync(request);
    }

    /// Another client presenting a copy of this browser's auth cookie, as a thief would.
    public HttpClient CopyOfCookie()
    {
        var copy = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = server.BaseAddress };
        copy.DefaultRequestHeaders.Add("Cookie", $"unbuilt_auth={Cookie("unbuilt_auth")}");
        return copy;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace Unbuilt.LoadTest;

/// One virtual user's HTTP side, as a browser does it: its own connections, the auth cookie from signing in, and
/// the CSRF cookie's value copied into X-CSRF-Token on every write.
public sealed class BrowserSession : IDisposable
{
    /// A request unanswered this long is a failure (TimeoutException), in setup and in the run alike.
    public static TimeSpan RequestTimeout { get; } = TimeSpan.FromSeconds(30);

    private const int MaxLoginAttempts = 6;
    private readonly HttpClient http;
    private string csrf = "";

    public BrowserSession(Uri baseAddress, ServerContract server)
    {
        BaseAddress = baseAddress;
        Server = server;
        http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, UseCookies = true })
        {
            BaseAddress = baseAddress,
            Timeout = Timeout.InfiniteTimeSpan, // per request, below: so a timeout is told apart from Ctrl+C
        };
    }

    public Uri BaseAddress { get; }

    /// The names this server gives its cookies, headers and hub, as a browser would have them from the web app.
    public ServerContract Server { get; }
    public CookieContainer Cookies { get; } = new();
    public int UserId { get; private set; }

    /// Signs in with email and password. The server allows a few logins a minute per address
    /// (Unbuilt__RateLimits__LoginPerMinute); on 429 this waits as told by Retry-After, and says so.
    public async Task SignInAsync(string email, string password, Action<TimeSpan> waiting, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var answer = await SendAsync(HttpMethod.Post, "api/auth/login", new { email, password }, null, ct);
            if (answer.Status == (int)HttpStatusCode.TooManyRequests && attempt < MaxLoginAttempts)
            {
                var wait = answer.RetryAfter ?? TimeSpan.FromSeconds(10);
                waiting(wait);
                await Task.Delay(wait, ct);
                continue;
            }
            if (!answer.IsSuccess) throw new LoadTestException($"Signing in as {email} failed: {answer.Describe("POST api/auth/login")}");
            UserId = answer.Json().GetProperty("id").GetInt32();
            csrf = Cookies.GetCookies(BaseAddress)[Server.CsrfCookie]?.Value
                ?? throw new LoadTestException($"Signing in as {email} set no {Server.CsrfCookie} cookie.");
            return;
        }
    }

    /// Sends one request and reads the whole answer; Elapsed runs from sending to the last byte read.
    public async Task<Answer> SendAsync(HttpMethod method, string path, object? body, string? operationId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (method != HttpMethod.Get && csrf.Length > 0) request.Headers.Add(Server.CsrfHeader, csrf);
        if (operationId is not null) request.Headers.Add(Server.OperationHeader, operationId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RequestTimeout);
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var content = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            var elapsed = Stopwatch.GetElapsedTime(start);
            return new Answer((int)response.StatusCode, elapsed, content, response.Content.Headers.ContentType?.MediaType,
                response.Headers.RetryAfter?.Delta);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"{method} {path} had no answer within {RequestTimeout.TotalSeconds:0} s"));
        }
    }

    public void Dispose() => http.Dispose();
}

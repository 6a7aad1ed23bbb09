using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Unbuilt.Hosting;

namespace Unbuilt.Cli;

/// How verbs that act on a running system (`flags`, `logs`, `loadtest`) reach it: its HTTP API, with an admin
/// token, so every change is validated, audited and propagated exactly as a change from the web app.
public sealed class AdminApiClient(HttpClient http) : IDisposable
{
    public const string DefaultUrl = "http://127.0.0.1:5000";

    public Uri BaseAddress => http.BaseAddress!;

    /// --url, else UNBUILT_URL, else the default; --token, else UNBUILT_TOKEN, else the data directory's admin.token.
    public static AdminApiClient Create(string? url, string? token)
    {
        url ??= Environment.GetEnvironmentVariable("UNBUILT_URL") is { Length: > 0 } envUrl ? envUrl : DefaultUrl;
        token ??= Environment.GetEnvironmentVariable("UNBUILT_TOKEN") is { Length: > 0 } envToken ? envToken : ReadTokenFile();
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseAddress))
            throw new CliException($"--url '{url}' is not an absolute URL.");
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Unbuilt-Client", "cli"); // history shows the actor as "email (cli)"
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new AdminApiClient(http);
    }

    /// The same credentials against another node of the same system (they share the database, so the token holds).
    public AdminApiClient For(Uri node)
    {
        var other = new HttpClient { BaseAddress = node, Timeout = http.Timeout };
        foreach (var header in http.DefaultRequestHeaders) other.DefaultRequestHeaders.TryAddWithoutValidation(header.Key, header.Value);
        return new AdminApiClient(other);
    }

    private static string? ReadTokenFile()
    {
        var dataDirectory = Environment.GetEnvironmentVariable("Unbuilt__DataDirectory") is { Length: > 0 } dir ? dir : "./data";
        var path = FirstStart.TokenFilePath(Path.GetFullPath(dataDirectory));
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    public Task<JsonElement> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken ct) => SendAsync(HttpMethod.Post, path, body, ct);

    public Task<JsonElement> PatchAsync(string path, object body, CancellationToken ct) => SendAsync(HttpMethod.Patch, path, body, ct);

    public Task<JsonElement> DeleteAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Delete, path, null, ct);

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
        if (body is not null) request.Content = JsonContent.Create(body);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException)
        {
            throw new CliException($"Cannot reach {BaseAddress} ({e.InnerException.Message}). Is `./unbuilt serve` running? Set --url or UNBUILT_URL.");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode) throw new CliException(Describe(response, text));
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    private string Describe(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status == 401)
            return $"{BaseAddress} refused the token ({ProblemText(body)}). Pass --token, set UNBUILT_TOKEN, or run from the folder whose data/admin.token belongs to this server.";
        return $"{status} {ProblemText(body)}";
    }

    private static string ProblemText(string body)
    {
        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            var title = problem.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
            var errors = problem.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object
                ? string.Join("; ", e.EnumerateObject().SelectMany(p => p.Value.EnumerateArray().Select(v => v.GetString())))
                : null;
            return string.Join(": ", new[] { title, detail ?? errors }.Where(s => !string.IsNullOrEmpty(s)));
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }

    public void Dispose() => http.Dispose();
}

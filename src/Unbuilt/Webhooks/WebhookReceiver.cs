using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Unbuilt.Webhooks;

/// What a local receiver made of one POST: which of the three formats it is, one line for people, and for a generic
/// body whether its signature holds.
/// <param name="DedupKey">A PagerDuty event's dedup_key, which its answer echoes.</param>
public sealed record ReceivedWebhook(DateTimeOffset At, string Path, string Format, string Line, string? Signature, string Body,
    string? DedupKey = null);

/// `unbuilt webhooks receive`: a stand-in for Slack, PagerDuty or your own receiver on this machine, so a rehearsal
/// (the runbook's chaos drill, `webhooks test`) shows what would arrive without a Slack workspace or a PagerDuty
/// account. Listens on loopback only, takes any path, answers as the real service would (Slack "ok", PagerDuty 202
/// with a status, generic 200), and checks a generic body's X-Unbuilt-Signature when given the secret.
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// Larger bodies are refused with 413: every body Unbuilt sends is a few kilobytes.
    public const int MaxBodyBytes = 256 * 1024;

    private readonly WebApplication app;
    private readonly string? secret;
    private readonly Action<ReceivedWebhook> onReceived;

    private WebhookReceiver(WebApplication app, string? secret, Action<ReceivedWebhook> onReceived)
    {
        this.app = app;
        this.secret = secret;
        this.onReceived = onReceived;
    }

    /// Where it listens, e.g. http://127.0.0.1:9099/ (the port the system chose when asked for 0).
    public Uri Address { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync(int port, string? secret, Action<ReceivedWebhook> onReceived, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxBodyBytes);
        var receiver = new WebhookReceiver(builder.Build(), secret, onReceived);
        receiver.app.MapPost("/{**path}", (Func<HttpContext, Task<IResult>>)receiver.HandleAsync);
        receiver.app.MapFallback((HttpContext http) => Results.Text("POST a webhook body here.\n", statusCode: StatusCodes.Status405MethodNotAllowed));
        await receiver.app.StartAsync(ct);
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Address = new Uri(address.EndsWith('/') ? address : address + "/");
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.Text("body too large\n", statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        var received = Describe(DateTimeOffset.UtcNow, http.Request.Path.Value ?? "/", body,
            http.Request.Headers[WebhookHeaders.Signature].ToString(), secret);
        onReceived(received);
        return received.Format switch
        {
            WebhookFormats.PagerDuty => Results.Json(new { status = "success", message = "Event processed", dedup_key = received.DedupKey },
                statusCode: StatusCodes.Status202Accepted),
            WebhookFormats.Slack => Results.Text("ok"),
            _ => received.Signature == "bad" ? Results.Text("signature does not match\n", statusCode: StatusCodes.Status401Unauthorized) : Results.Text("ok"),
        };
    }

    /// Recognises a body by its shape: PagerDuty's has routing_key and event_action, Slack's text or blocks, a generic
    /// one Unbuilt's event fields. Anything else is "unknown" and still shown.
    public static ReceivedWebhook Describe(DateTimeOffset at, string path, byte[] body, string signatureHeader, string? secret)
    {
        var text = Encoding.UTF8.GetString(body);
        JsonElement json;
        try
        {
            json = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return new(at, path, "unknown", $"not JSON ({body.Length} bytes)", null, text);
        }
        if (json.ValueKind != JsonValueKind.Object) return new(at, path, "unknown", $"JSON {json.ValueKind}, not an object", null, text);

        if (json.TryGetProperty("routing_key", out _) && json.TryGetProperty("event_action", out var action))
        {
            var key = Text(json, "dedup_key");
            var line = json.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object
                ? $"{action.GetString()} {Text(payload, "severity")}: {Text(payload, "summary")} (dedup_key {key})"
                : $"{action.GetString()} (dedup_key {key})";
            return new(at, path, WebhookFormats.PagerDuty, line, null, text, key == "–" ? null : key);
        }
        if (json.TryGetProperty("id", out _) && json.TryGetProperty("type", out var type) && json.TryGetProperty("summary", out var summary))
        {
            var signature = secret is null ? (signatureHeader.Length == 0 ? "unsigned" : "not checked (no --secret)")
                : Matches(body, secret, signatureHeader) ? "ok" : "bad";
            return new(at, path, WebhookFormats.Generic, $"{type.GetString()} {Text(json, "severity")}: {summary.GetString()}", signature, text);
        }
        if (json.TryGetProperty("text", out var slackText) || json.TryGetProperty("blocks", out _))
            return new(at, path, WebhookFormats.Slack, slackText.ValueKind == JsonValueKind.String ? slackText.GetString()! : "(blocks only)", null, text);
        return new(at, path, "unknown", "a JSON object of no known format", null, text);
    }

    private static bool Matches(byte[] body, string secret, string header)
    {
        var expected = Encoding.ASCII.GetBytes(WebhookFormats.Signature(body, secret));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header));
    }

    private static string Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "–";

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

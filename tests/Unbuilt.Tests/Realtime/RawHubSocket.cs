using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Unbuilt.Tests.Realtime;

/// The SignalR JSON protocol spoken by hand over a bare WebSocket, for what the real client will not do: vanish
/// without a close frame, as a phone losing its network or a killed browser does.
public sealed class RawHubSocket : IDisposable
{
    private const char Separator = '\u001e';
    private readonly ClientWebSocket socket = new();
    private readonly Queue<JsonElement> received = new();
    private int invocations;

    public static async Task<RawHubSocket> ConnectAsync(Uri server, string token)
    {
        var raw = new RawHubSocket();
        raw.socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        var builder = new UriBuilder(new Uri(server, "/hubs/plans")) { Scheme = server.Scheme == "https" ? "wss" : "ws" };
        await raw.socket.ConnectAsync(builder.Uri, CancellationToken.None);
        await raw.SendAsync(new { protocol = "json", version = 1 });
        var handshake = await raw.ReceiveAsync();
        Assert.False(handshake.TryGetProperty("error", out var error), $"handshake refused: {error}");
        return raw;
    }

    /// Invokes a hub method and waits for its completion (skipping whatever the hub sends meanwhile).
    public async Task InvokeAsync(string target, params object[] arguments)
    {
        var id = (++invocations).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync(new { type = 1, invocationId = id, target, arguments });
        while (true)
        {
            var message = await ReceiveAsync();
            if (message.GetProperty("type").GetInt32() != 3 || message.GetProperty("invocationId").GetString() != id) continue;
            Assert.False(message.TryGetProperty("error", out var error), $"{target} failed: {error}");
            return;
        }
    }

    /// Drops the TCP connection with no WebSocket close handshake.
    public void Abort() => socket.Abort();

    private Task SendAsync(object message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message) + Separator), WebSocketMessageType.Text, true,
            CancellationToken.None);

    private async Task<JsonElement> ReceiveAsync()
    {
        if (received.TryDequeue(out var next)) return next;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        do
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
        while (text.Length == 0 || text[^1] != Separator);
        foreach (var message in text.ToString().TrimEnd(Separator).Split(Separator))
            received.Enqueue(JsonDocument.Parse(message).RootElement.Clone());
        return received.Dequeue();
    }

    public void Dispose() => socket.Dispose();
}

using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Unbuilt.LoadTest;

/// A WebSocket to /hubs/plans as the web app opens it (WebSockets only, negotiation skipped, the session's cookie),
/// joined to one plan, on the session's node or another (--live-url). Every PlanEvent is counted; the virtual
/// user's own connection also reports operation ids.
public sealed class LiveConnection(HubConnection connection) : IAsyncDisposable
{
    public bool IsConnected => connection.State == HubConnectionState.Connected;

    public static async Task<LiveConnection> OpenAsync(BrowserSession session, Uri node, int planId, RunResults results,
        LiveLatency? latency, CancellationToken ct)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(node, session.Server.HubPath.TrimStart('/')), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.Cookies = CookiesFor(session, node);
            })
            .Build();
        connection.On<JsonElement>(session.Server.PlanEvent, change =>
        {
            results.EventReceived();
            if (latency is not null && change.TryGetProperty("operationId", out var id) && id.ValueKind == JsonValueKind.String)
                latency.Arrived(id.GetString());
        });
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += error => Task.FromResult(closed.TrySetResult(error));
        var started = false;
        try
        {
            await connection.StartAsync(ct);
            started = true;
            await connection.InvokeAsync(session.Server.JoinPlan, planId, ct);
        }
        catch (Exception e)
        {
            // A server that takes the socket and then refuses it (the user holds too many) says why in its close;
            // the join only sees the connection end.
            var reason = started && !ct.IsCancellationRequested ? await CloseReasonAsync(closed.Task) : null;
            await connection.DisposeAsync();
            if (reason is null && e is OperationCanceledException) throw;
            throw new LoadTestException($"Opening a WebSocket on {node} and joining plan {planId} failed: {reason ?? e.Message}");
        }
        return new LiveConnection(connection);
    }

    private static async Task<string?> CloseReasonAsync(Task<Exception?> closed)
    {
        try
        {
            return (await closed.WaitAsync(TimeSpan.FromSeconds(2)))?.Message;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// The sign-in cookies, for the node the socket opens on: a browser would not send one host's cookies to
    /// another, but every node accepts them (the keys that sign them live in the shared database).
    private static CookieContainer CookiesFor(BrowserSession session, Uri node)
    {
        if (node == session.BaseAddress) return session.Cookies;
        var cookies = new CookieContainer();
        foreach (var cookie in session.Cookies.GetCookies(session.BaseAddress).Cast<Cookie>())
            cookies.Add(node, new Cookie(cookie.Name, cookie.Value));
        return cookies;
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}

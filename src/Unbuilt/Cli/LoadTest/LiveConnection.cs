using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Unbuilt.Realtime;

namespace Unbuilt.Cli.LoadTest;

/// A WebSocket to /hubs/plans as the web app opens it (WebSockets only, negotiation skipped, the session's cookie),
/// joined to one plan. Every PlanEvent is counted; the virtual user's own connection also reports operation ids.
public sealed class LiveConnection(HubConnection connection) : IAsyncDisposable
{
    public bool IsConnected => connection.State == HubConnectionState.Connected;

    public static async Task<LiveConnection> OpenAsync(BrowserSession session, int planId, RunResults results,
        LiveLatency? latency, CancellationToken ct)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(session.BaseAddress, PlansHub.Path.TrimStart('/')), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.Cookies = session.Cookies;
            })
            .Build();
        connection.On<JsonElement>(HubMethods.PlanEvent, change =>
        {
            results.EventReceived();
            if (latency is not null && change.TryGetProperty("operationId", out var id) && id.ValueKind == JsonValueKind.String)
                latency.Arrived(id.GetString());
        });
        try
        {
            await connection.StartAsync(ct);
            await connection.InvokeAsync("JoinPlan", planId, ct);
        }
        catch (Exception e)
        {
            await connection.DisposeAsync();
            if (e is OperationCanceledException) throw;
            throw new CliException($"Opening a WebSocket on {session.BaseAddress} and joining plan {planId} failed: {e.Message}");
        }
        return new LiveConnection(connection);
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}

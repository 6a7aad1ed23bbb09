using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Features;

namespace Unbuilt.Realtime;

/// SignalR tells the hub that a connection ended, not how: a socket that vanished without a close frame (a phone
/// losing its network, a killed browser) looks like a clean close. This keeps each accepted WebSocket in its
/// request's items, so the hub can see it was aborted, and monitoring counts it as a drop.
public static class HubSockets
{
    private static readonly object Key = new();

    /// Before the hub's endpoint: WebSockets are accepted here (the endpoint's own UseWebSockets then keeps ours).
    public static void Remember(IApplicationBuilder app)
    {
        app.UseWebSockets();
        app.Use((context, next) =>
        {
            if (context.Features.Get<IHttpWebSocketFeature>() is { IsWebSocketRequest: true } accepting)
                context.Features.Set<IHttpWebSocketFeature>(new Remembering(accepting, context.Items));
            return next(context);
        });
    }

    /// True when the request's WebSocket was torn down under the server (no close frame, no SignalR close message):
    /// the receive failed and the socket aborted, before SignalR ended the connection.
    public static bool WasAborted(HttpContext? context) =>
        context?.Items[Key] is WebSocket { State: WebSocketState.Aborted };

    private sealed class Remembering(IHttpWebSocketFeature accepting, IDictionary<object, object?> items) : IHttpWebSocketFeature
    {
        public bool IsWebSocketRequest => accepting.IsWebSocketRequest;

        public async Task<WebSocket> AcceptAsync(WebSocketAcceptContext context)
        {
            var socket = await accepting.AcceptAsync(context);
            items[Key] = socket;
            return socket;
        }
    }
}

namespace Unbuilt.Monitoring;

/// What monitoring needs from the real-time layer (WebSocket connections of this node). The realtime feature
/// registers its implementation after AddMonitoring; until then every count is zero.
public interface IRealtimeStats
{
    /// Connections open now, and the connections opened and closed since <paramref name="since"/> (UTC).
    RealtimeCounts Read(DateTime since);
}

/// <param name="Open">Connections open now.</param>
/// <param name="Connected">Connections opened since the window began.</param>
/// <param name="Disconnected">Connections closed since the window began, for any reason.</param>
/// <param name="Dropped">Of those, the ones that did not close cleanly: a transport error, a timeout, a server
/// abort (SignalR's OnDisconnectedAsync with an exception), rather than the client closing the page.</param>
public sealed record RealtimeCounts(int Open, long Connected, long Disconnected, long Dropped)
{
    public static RealtimeCounts None { get; } = new(0, 0, 0, 0);

    /// Dropped ÷ every connection seen in the window (still open, or closed in it), as a percentage.
    public double DisconnectRatePercent => Open + Disconnected == 0 ? 0 : Math.Round(100.0 * Dropped / (Open + Disconnected), 3);
}

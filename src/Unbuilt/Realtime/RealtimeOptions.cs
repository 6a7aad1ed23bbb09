namespace Unbuilt.Realtime;

/// `Unbuilt:Realtime:*`.
public sealed class RealtimeOptions
{
    public const string Section = "Unbuilt:Realtime";

    /// How many plans one connection may watch at once.
    public int MaxJoinedPlans { get; set; } = 20;

    /// The largest message a client may send, in bytes (clients only send small method calls).
    public long MaxMessageBytes { get; set; } = 16 * 1024;

    /// With several nodes, how often each node re-announces who is viewing which plan on it. Another node that
    /// hears nothing from a node for three of that node's heartbeats drops its viewers (it has died).
    public double PresenceHeartbeatSeconds { get; set; } = 15;

    public TimeSpan PresenceHeartbeat => TimeSpan.FromSeconds(PresenceHeartbeatSeconds);
}

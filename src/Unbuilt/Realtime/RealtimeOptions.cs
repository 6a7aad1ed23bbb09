namespace Unbuilt.Realtime;

/// `Unbuilt:Realtime:*`.
public sealed class RealtimeOptions
{
    public const string Section = "Unbuilt:Realtime";

    /// How many plans one connection may watch at once.
    public int MaxJoinedPlans { get; set; } = 20;

    /// The largest message a client may send, in bytes (clients only send small method calls).
    public long MaxMessageBytes { get; set; } = 16 * 1024;
}

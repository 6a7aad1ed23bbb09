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

    /// The most changes one Resume call replays. A caller that missed more is sent none of them and told to
    /// reload the plan: one request for the whole plan costs less than thousands of change messages.
    public int MaxResumeEvents { get; set; } = 500;

    /// Hub method calls one connection may make a minute, from a token bucket that holds a minute's worth (so a
    /// page may join and resume a few plans at once) and refills evenly. A call past it is refused with a
    /// HubException; the connection stays open.
    public int InvocationsPerMinute { get; set; } = 600;

    /// Live connections one user may hold at once, counted per node: behind a load balancer a user may hold this
    /// many on each node. The connection past it is closed at once with the reason.
    public int MaxConnectionsPerUser { get; set; } = 20;

    /// How often every live connection's access is checked again in any case (its session or token, its account,
    /// each plan it watches). Changes made through the API are checked at once; this bounds how long a change made
    /// elsewhere (the CLI, or another node while Redis is away) takes to reach open connections.
    public double AccessCheckSeconds { get; set; } = 1;

    public TimeSpan PresenceHeartbeat => TimeSpan.FromSeconds(PresenceHeartbeatSeconds);

    public TimeSpan AccessCheck => TimeSpan.FromSeconds(AccessCheckSeconds);

    /// At start-up: a setting out of range stops the server with the key that is wrong, rather than leaving a
    /// limit that refuses everything or nothing.
    public void Validate()
    {
        if (!(PresenceHeartbeatSeconds is > 0 and <= 3600 * 24))
            throw Invalid(nameof(PresenceHeartbeatSeconds), "must be more than 0 and at most a day");
        if (!(AccessCheckSeconds is >= 0.1 and <= 3600)) throw Invalid(nameof(AccessCheckSeconds), "must be 0.1 to 3600");
        if (MaxResumeEvents is < 1 or > 100_000) throw Invalid(nameof(MaxResumeEvents), "must be 1 to 100000");
        if (InvocationsPerMinute is < 1 or > 1_000_000) throw Invalid(nameof(InvocationsPerMinute), "must be 1 to 1000000");
        if (MaxConnectionsPerUser is < 1 or > 10_000) throw Invalid(nameof(MaxConnectionsPerUser), "must be 1 to 10000");
    }

    private static InvalidOperationException Invalid(string key, string rule) => new($"{Section}:{key} {rule}.");
}

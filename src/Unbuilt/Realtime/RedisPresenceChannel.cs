using StackExchange.Redis;

namespace Unbuilt.Realtime;

/// Presence across nodes, on a Redis channel. Each node announces its own viewers of a plan when they change, and
/// all of them every heartbeat; it keeps what the others announce (RemotePresence) and tells its own connections
/// when a plan's list changes (PresenceNotifier). A node that starts, or gets Redis back, says Hello and the others
/// answer with their state at once; a stopping node says Goodbye. Like the flag channel, Redis never fails or holds
/// up a hub call: while it is away the other nodes' viewers expire after three heartbeats, each node shows its own,
/// and the Hello on reconnecting brings the rest back.
public sealed partial class RedisPresenceChannel(
    RedisConnection redis, PresenceTracker local, RemotePresence remote, PresenceNotifier notifier, RealtimeOptions options,
    TimeProvider clock, ILogger<RedisPresenceChannel> logger)
    : IPresenceAnnouncer, IHostedService, IDisposable
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("unbuilt:presence");
    private static readonly TimeSpan GoodbyeTimeout = TimeSpan.FromSeconds(2);
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopping = new();
    private long sequence;
    private Task heartbeats = Task.CompletedTask;

    /// This node's name on the channel: new at every start, so a restarted node is a new node to the others.
    public string Node { get; } = $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = SubscribeAsync();
        heartbeats = BeatAsync(stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await heartbeats;
        try
        {
            // Awaited, not fire-and-forget: the Redis connection closes right after, and would drop a queued goodbye.
            await PublishAsync(Next(PresenceAnnouncementKind.Goodbye, () => []), CommandFlags.None)
                .WaitAsync(GoodbyeTimeout, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            LogGoodbyeLost(logger);
        }
    }

    public void Announce(int planId)
    {
        if (stopping.IsCancellationRequested) return; // stopping: the Goodbye drops all of this node's viewers
        _ = PublishAsync(Next(PresenceAnnouncementKind.Changed, () => [new PlanViewers(planId, local.Viewers(planId))]));
    }

    private async Task SubscribeAsync()
    {
        try
        {
            var multiplexer = await redis.GetAsync();
            multiplexer.ConnectionRestored += (_, e) =>
            {
                if (e.ConnectionType == ConnectionType.Subscription && !stopping.IsCancellationRequested)
                    _ = PublishAsync(Next(PresenceAnnouncementKind.Hello, local.Plans));
            };
            await multiplexer.GetSubscriber().SubscribeAsync(Channel, (_, message) => Receive(message));
            await PublishAsync(Next(PresenceAnnouncementKind.Hello, local.Plans));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogSubscribeDeferred(logger, e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogSubscribeFailed(logger, e);
        }
    }

    private void Receive(RedisValue message)
    {
        try
        {
            var announcement = PresenceAnnouncement.FromJson(message.ToString());
            if (announcement is null || announcement.Node == Node) return;
            if (announcement.Kind == PresenceAnnouncementKind.Hello && !stopping.IsCancellationRequested)
                _ = PublishAsync(Next(PresenceAnnouncementKind.State, local.Plans));
            foreach (var planId in remote.Apply(announcement, clock.GetUtcNow())) notifier.Notify(planId, always: false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogReceiveFailed(logger, e);
        }
    }

    /// Every heartbeat: tells the others everything viewed here, and forgets the nodes that have fallen silent.
    private async Task BeatAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.PresenceHeartbeat, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                _ = PublishAsync(Next(PresenceAnnouncementKind.State, local.Plans));
                var (silent, changed) = remote.Expire(clock.GetUtcNow());
                foreach (var node in silent) LogSilent(logger, node);
                foreach (var planId in changed) notifier.Notify(planId, always: false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// The next announcement; its number is taken with the read, so a later number always carries a later state.
    private PresenceAnnouncement Next(PresenceAnnouncementKind kind, Func<IReadOnlyList<PlanViewers>> read)
    {
        lock (gate) return new PresenceAnnouncement(Node, ++sequence, kind, options.PresenceHeartbeatSeconds, read());
    }

    private async Task PublishAsync(PresenceAnnouncement announcement, CommandFlags flags = CommandFlags.FireAndForget)
    {
        try
        {
            var multiplexer = await redis.GetAsync();
            await multiplexer.GetSubscriber().PublishAsync(Channel, announcement.ToJson(), flags);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogPublishFailed(logger, e, announcement.Kind);
        }
    }

    public void Dispose() => stopping.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} has not announced its viewers for three heartbeats; its viewers are dropped from presence")]
    private static partial void LogSilent(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish a presence {Kind} to Redis; other nodes catch up at the next heartbeat")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, PresenceAnnouncementKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the other nodes this node is stopping; they drop its viewers after three heartbeats")]
    private static partial void LogGoodbyeLost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to presence from other nodes yet; the Redis connection will subscribe when it connects, and meanwhile each node shows only its own viewers")]
    private static partial void LogSubscribeDeferred(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Presence across nodes is off; each node shows only the viewers connected to it")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A presence announcement from another node could not be handled")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception);
}

using System.Text.Json;
using StackExchange.Redis;

namespace Unbuilt.Realtime;

/// Users and plans whose access changed, as one node tells the others.
public sealed record AccessAnnouncement(IReadOnlyList<int> Users, IReadOnlyList<int> Plans, string? Node = null);

/// Carries access announcements to the other nodes.
public interface IAccessAnnouncer
{
    void Announce(AccessAnnouncement announcement);
}

/// Hears what other nodes announce (LiveAccess).
public interface IAccessListener
{
    void Heard(AccessAnnouncement announcement);
}

/// A single node has nobody to tell.
public sealed class NoAccessAnnouncer : IAccessAnnouncer
{
    public void Announce(AccessAnnouncement announcement) { }
}

/// Access announcements on a Redis channel: a logout, a removal or a disabled account on one node reaches the
/// live connections (and the kept sessions) of every node within milliseconds. Like the other channels, Redis never
/// fails or holds up a request: while it is away each node's periodic access check covers what was not heard.
public sealed partial class RedisAccessChannel(RedisConnection redis, IAccessListener listener, ILogger<RedisAccessChannel> logger)
    : IAccessAnnouncer, IHostedService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("unbuilt:access");
    private readonly string node = Guid.NewGuid().ToString("N");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = SubscribeAsync();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Announce(AccessAnnouncement announcement) => _ = PublishAsync(announcement with { Node = node });

    private async Task PublishAsync(AccessAnnouncement announcement)
    {
        try
        {
            var multiplexer = await redis.GetAsync();
            await multiplexer.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(announcement), CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogPublishFailed(logger, e);
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            var multiplexer = await redis.GetAsync();
            await multiplexer.GetSubscriber().SubscribeAsync(Channel, (_, message) => Receive(message));
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
        AccessAnnouncement? announcement;
        try
        {
            announcement = JsonSerializer.Deserialize<AccessAnnouncement>(message.ToString());
        }
        catch (JsonException)
        {
            return; // not ours
        }
        if (announcement is null || announcement.Node == node) return;
        listener.Heard(announcement with { Users = announcement.Users ?? [], Plans = announcement.Plans ?? [] });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce an access change to the other nodes; their periodic access check will see it")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to access announcements yet; the Redis connection will subscribe when it connects, and the periodic access check covers the meantime")]
    private static partial void LogSubscribeDeferred(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Access announcements over Redis are off; each node sees other nodes' access changes only at its periodic access check")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);
}

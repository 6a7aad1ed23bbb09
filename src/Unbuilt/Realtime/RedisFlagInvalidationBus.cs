using System.Text.Json;
using StackExchange.Redis;
using Unbuilt.Flags;

namespace Unbuilt.Realtime;

/// Flag invalidations over a Redis channel, so a change on one node reaches every node within milliseconds.
/// Publishing never fails a request: a change is committed before it is published, and when Redis is away the
/// other nodes pick it up at their next periodic reload. Nor does Redis hold up a node's start: the subscription
/// is made in the background, and one made while Redis is away is kept by the multiplexer and sent on connecting.
public sealed partial class RedisFlagInvalidationBus(
    RedisConnection redis, IEnumerable<IFlagInvalidationListener> listeners, ILogger<RedisFlagInvalidationBus> logger)
    : IFlagInvalidationBus, IHostedService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("unbuilt:flags:invalidate");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = SubscribeAsync();
        return Task.CompletedTask;
    }

    private async Task SubscribeAsync()
    {
        try
        {
            var multiplexer = await redis.GetAsync();
            await multiplexer.GetSubscriber().SubscribeAsync(Channel, (_, message) => DeliverAsync(message).ContinueWith(_ => { }, TaskScheduler.Default));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogSubscribeDeferred(logger, e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogSubscribeFailed(logger, e); // e.g. a Redis__Connection that does not parse: say so, keep serving
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task PublishAsync(FlagInvalidation invalidation, CancellationToken ct)
    {
        try
        {
            var multiplexer = await redis.GetAsync();
            // Fire and forget: a slow or paused Redis must not hold the request that made the change.
            await multiplexer.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(invalidation), CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogPublishFailed(logger, e, invalidation.FlagName);
        }
    }

    private async Task DeliverAsync(RedisValue message)
    {
        FlagInvalidation? invalidation;
        try
        {
            invalidation = JsonSerializer.Deserialize<FlagInvalidation>(message.ToString());
        }
        catch (JsonException)
        {
            return; // not ours
        }
        if (invalidation is null) return;
        foreach (var listener in listeners)
        {
            try
            {
                await listener.OnInvalidatedAsync(invalidation, CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogHandlerFailed(logger, e, invalidation.FlagName);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the invalidation of flag {FlagName} to Redis; other nodes will see it at their next periodic reload")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string? flagName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to flag invalidations yet; the Redis connection will subscribe when it connects, and the periodic reload covers the meantime")]
    private static partial void LogSubscribeDeferred(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Flag invalidations over Redis are off; each node sees other nodes' flag changes only at its periodic reload")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A flag invalidation listener failed (flag {FlagName})")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string? flagName);
}

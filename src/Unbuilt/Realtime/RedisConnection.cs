using StackExchange.Redis;

namespace Unbuilt.Realtime;

/// The one Redis connection of a node (flag invalidations now, the SignalR backplane too). It connects in the
/// background and reconnects by itself; while Redis is away the API keeps working and the periodic flag reload
/// covers what the channel would have carried.
public sealed partial class RedisConnection(string configuration, ILogger<RedisConnection> logger) : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> connection = new(() => ConnectAsync(configuration, logger));

    public Task<ConnectionMultiplexer> GetAsync() => connection.Value;

    private static async Task<ConnectionMultiplexer> ConnectAsync(string configuration, ILogger logger)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false; // keep trying in the background instead of failing the node's start
        options.ClientName ??= "unbuilt";
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
        multiplexer.ConnectionFailed += (_, e) => LogLost(logger, e.EndPoint?.ToString(), e.FailureType.ToString());
        multiplexer.ConnectionRestored += (_, e) => LogRestored(logger, e.EndPoint?.ToString());
        if (!multiplexer.IsConnected) LogNotYet(logger, configuration);
        return multiplexer;
    }

    public async ValueTask DisposeAsync()
    {
        if (connection.IsValueCreated) await (await connection.Value).DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis connection to {EndPoint} lost ({Failure}); live updates and flag invalidations pause, the API keeps working")]
    private static partial void LogLost(ILogger logger, string? endPoint, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis connection to {EndPoint} restored")]
    private static partial void LogRestored(ILogger logger, string? endPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis at {Configuration} is not reachable yet; retrying in the background")]
    private static partial void LogNotYet(ILogger logger, string configuration);
}

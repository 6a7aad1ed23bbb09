using StackExchange.Redis;

namespace Unbuilt.Realtime;

/// A node's Redis connection for flag invalidations and presence (the SignalR backplane keeps one of its own,
/// configured in RealtimeSetup). It connects in the background and reconnects by itself, and says in the log when
/// Redis goes away and comes back; meanwhile the API keeps working, the periodic flag reload covers what the flag
/// channel would have carried, and each node shows the viewers connected to it.
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
        multiplexer.ConnectionFailed += (_, e) => LogLost(logger, e.EndPoint?.ToString(), e.ConnectionType, e.FailureType);
        multiplexer.ConnectionRestored += (_, e) => LogRestored(logger, e.EndPoint?.ToString(), e.ConnectionType);
        if (!multiplexer.IsConnected) LogNotYet(logger, configuration);
        return multiplexer;
    }

    public async ValueTask DisposeAsync()
    {
        if (connection.IsValueCreated) await (await connection.Value).DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis connection to {EndPoint} lost ({ConnectionType}, {Failure}); live updates, presence from other nodes and flag invalidations pause, the API keeps working")]
    private static partial void LogLost(ILogger logger, string? endPoint, ConnectionType connectionType, ConnectionFailureType failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis connection to {EndPoint} restored ({ConnectionType})")]
    private static partial void LogRestored(ILogger logger, string? endPoint, ConnectionType connectionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis at {Configuration} is not reachable yet; retrying in the background")]
    private static partial void LogNotYet(ILogger logger, string configuration);
}

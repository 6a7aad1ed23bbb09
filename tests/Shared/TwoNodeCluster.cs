using System.Globalization;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Unbuilt.Testing;

/// Two app nodes on one database and one real Redis, as production runs N nodes behind a load balancer.
/// The periodic flag reload and access check are set to an hour, so anything node B learns within a test came
/// through Redis; so is the presence heartbeat, so a viewer one node learns of came from the announcement of a change (or a new node's
/// hello), unless a fixture asks for quicker heartbeats. Each node keeps what its real-time and Redis parts log, for
/// tests of what an operator is told.
public class TwoNodeCluster : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;
    public UnbuiltServer A { get; private set; } = null!;
    public UnbuiltServer B { get; private set; } = null!;

    /// How often every node of this cluster re-announces its viewers (a node unheard for three of them is dropped).
    protected virtual TimeSpan PresenceHeartbeat => TimeSpan.FromHours(1);

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        A = new Node(Redis.Configuration, shared: null, PresenceHeartbeat);
        await A.InitializeAsync();
        B = new Node(Redis.Configuration, shared: A.Database, PresenceHeartbeat);
        await B.InitializeAsync();
    }

    /// One more node on the same database and Redis, started now (whatever state Redis is in); the caller disposes it.
    public async Task<UnbuiltServer> StartNodeAsync()
    {
        var node = new Node(Redis.Configuration, shared: A.Database, PresenceHeartbeat);
        await node.InitializeAsync();
        return node;
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Redis.DisposeAsync();
    }

    private sealed class Node(string redis, TestDatabase? shared, TimeSpan heartbeat) : UnbuiltServer
    {
        protected override IEnumerable<string> Settings =>
        [
            $"Redis:Connection={redis}", "Unbuilt:Flags:ReloadSeconds=3600", "Unbuilt:Realtime:AccessCheckSeconds=3600",
            string.Create(CultureInfo.InvariantCulture, $"Unbuilt:Realtime:PresenceHeartbeatSeconds={heartbeat.TotalSeconds}"),
        ];

        protected override Task<TestDatabase> CreateDatabaseAsync() =>
            shared is null ? base.CreateDatabaseAsync() : Task.FromResult(shared);

        protected override bool OwnsDatabase => shared is null;

        protected override bool Captures(string category, LogLevel level) =>
            level >= LogLevel.Information && (category.StartsWith("Unbuilt.Realtime", StringComparison.Ordinal) ||
                category.StartsWith("Microsoft.AspNetCore.SignalR.StackExchangeRedis", StringComparison.Ordinal));
    }
}

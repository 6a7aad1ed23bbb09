using Microsoft.Extensions.Logging;
using Xunit;

namespace Unbuilt.Testing;

/// Two app nodes on one database and one real Redis, as production runs N nodes behind a load balancer.
/// The periodic flag reload is set to an hour, so anything node B learns within a test came through Redis.
/// Each node keeps what its real-time and Redis parts log, for tests of what an operator is told.
public sealed class TwoNodeCluster : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;
    public UnbuiltServer A { get; private set; } = null!;
    public UnbuiltServer B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        A = new Node(Redis.Configuration, shared: null);
        await A.InitializeAsync();
        B = new Node(Redis.Configuration, shared: A.Database);
        await B.InitializeAsync();
    }

    /// One more node on the same database and Redis, started now (whatever state Redis is in); the caller disposes it.
    public async Task<UnbuiltServer> StartNodeAsync()
    {
        var node = new Node(Redis.Configuration, shared: A.Database);
        await node.InitializeAsync();
        return node;
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Redis.DisposeAsync();
    }

    private sealed class Node(string redis, TestDatabase? shared) : UnbuiltServer
    {
        protected override IEnumerable<string> Settings => [$"Redis:Connection={redis}", "Unbuilt:Flags:ReloadSeconds=3600"];

        protected override Task<TestDatabase> CreateDatabaseAsync() =>
            shared is null ? base.CreateDatabaseAsync() : Task.FromResult(shared);

        protected override bool OwnsDatabase => shared is null;

        protected override bool Captures(string category, LogLevel level) =>
            level >= LogLevel.Information && (category.StartsWith("Unbuilt.Realtime", StringComparison.Ordinal) ||
                category.StartsWith("Microsoft.AspNetCore.SignalR.StackExchangeRedis", StringComparison.Ordinal));
    }
}

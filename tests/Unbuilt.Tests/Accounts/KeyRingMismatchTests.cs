using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Accounts;
using Unbuilt.Cli;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Tests.Accounts;

/// A node started with another key ring key than the rest of the cluster cannot open the stored cookie keys. Were it
/// to start, it would make a key of its own that the other nodes cannot open either, and each side would refuse the
/// other's cookies until the keys rotate (days). It refuses to start instead, saying why, and writes nothing. When the
/// key is truly lost, `unbuilt keys rotate --yes` replaces the stored keys and the node starts (everyone signs in again).
[Collection(nameof(Cli.CliCollection))]
public sealed class KeyRingMismatchTests(UnbuiltServer server) : IntegrationTest(server)
{
    [Fact]
    public async Task A_node_whose_key_ring_key_opens_none_of_the_stored_keys_refuses_to_start_and_adds_no_key()
    {
        var admin = await Server.CreateUserAsync("root@example.com", role: Role.Admin);
        await KeyRingTests.SignInAsync(Server, admin); // the cluster's first key
        var keys = await DbAsync(db => db.DataProtectionKeys.CountAsync());

        var misconfigured = new NodeWithKey(Server.Database, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        try
        {
            var refusal = await Assert.ThrowsAsync<CliException>(misconfigured.InitializeAsync);
            Assert.Contains("Unbuilt:KeyRing", refusal.Message, StringComparison.Ordinal);
            Assert.Contains($"{keys} ", refusal.Message, StringComparison.Ordinal);
        }
        finally
        {
            await misconfigured.DisposeAsync();
        }
        Assert.Equal(keys, await DbAsync(db => db.DataProtectionKeys.CountAsync()));
    }

    [Fact]
    public async Task With_the_key_lost_rotating_the_keys_lets_the_node_start()
    {
        var admin = await Server.CreateUserAsync("root@example.com", role: Role.Admin);
        await KeyRingTests.SignInAsync(Server, admin);
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        var rotated = await Cli.CliRunner.RunAsync(["keys", "rotate", "--yes",
            $"--Database:Provider={Server.Database.Provider}", $"--ConnectionStrings:Default={Server.Database.ConnectionString}",
            $"--Unbuilt:DataDirectory={Server.Database.DataDirectory}", $"--Unbuilt:KeyRing:Key={newKey}"]);
        Assert.Equal(0, rotated.Exit);

        await AdminSignedInThroughAsync(newKey, admin, signInAt: null);
    }

    [Fact]
    public async Task A_node_with_the_clusters_key_starts_beside_it()
    {
        var admin = await Server.CreateUserAsync("root@example.com", role: Role.Admin);
        await KeyRingTests.SignInAsync(Server, admin);
        var key = Convert.ToBase64String(Server.Services.GetRequiredService<KeyEncryptionKey>().Bytes);

        await AdminSignedInThroughAsync(key, admin, signInAt: Server);
    }

    /// Starts a node with the key and asks it for an admin page with a cookie made by <paramref name="signInAt"/>
    /// (null: by that node itself).
    private async Task AdminSignedInThroughAsync(string key, TestUser admin, UnbuiltServer? signInAt)
    {
        var node = new NodeWithKey(Server.Database, key);
        try
        {
            await node.InitializeAsync();
            var cookie = await KeyRingTests.SignInAsync(signInAt ?? node, admin);
            Assert.Equal(200, (int)(await KeyRingTests.AdminUsersWith(node, cookie)).StatusCode);
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    private sealed class NodeWithKey(TestDatabase shared, string key) : UnbuiltServer
    {
        protected override IEnumerable<string> Settings => [$"Unbuilt:KeyRing:Key={key}"];

        protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(shared);

        protected override bool OwnsDatabase => false;
    }
}

using Unbuilt.Data.Accounts;
using Unbuilt.Tests.Realtime;

namespace Unbuilt.Tests.Cli;

/// The CLI writes the database directly and tells no server: a running node's periodic access check
/// (Unbuilt:Realtime:AccessCheckSeconds, 1 s by default) closes the disabled user's live connections.
[Collection(nameof(CliCollection))]
public sealed class LiveDisableTests(UnbuiltServer server) : IntegrationTest(server)
{
    [Fact]
    public async Task Users_disable_closes_the_users_open_connections()
    {
        var user = await Server.CreateUserAsync("ada@example.com", Tier.Pro);
        await using var live = await LiveClient.ConnectAsync(Server.BaseAddress, user.Token);

        var result = await CliRunner.RunAsync("users", "disable", "ada@example.com",
            $"--Database:Provider={Server.Database.Provider}",
            $"--ConnectionStrings:Default={Server.Database.ConnectionString}",
            $"--Unbuilt:DataDirectory={Server.Database.DataDirectory}");
        Assert.Equal(0, result.Exit);

        var (method, body) = await live.NextNoticeAsync();
        Assert.Equal("SignedOut", method);
        Assert.Equal("account-disabled", body.GetProperty("reason").GetString());
        await live.Closed.WaitAsync(TimeSpan.FromSeconds(10));
    }
}

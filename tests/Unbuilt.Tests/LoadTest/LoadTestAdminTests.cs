using System.Text.Json;
using Unbuilt.Cli;
using Unbuilt.Data.Accounts;
using Unbuilt.LoadTest;

namespace Unbuilt.Tests.LoadTest;

/// The CLI's admin client as the load test sees it (LoadTestAdmin): a refusal, or no server there, arrives as the load
/// test's own LoadTestException in the client's words, which is what the load test catches where a refusal is not fatal.
public sealed class LoadTestAdminTests(UnbuiltServer server) : IntegrationTest(server)
{
    private static readonly Uri Nobody = new("http://127.0.0.1:1/");

    [Fact]
    public async Task A_refused_token_is_a_LoadTestException_in_the_clients_words()
    {
        using IAdminApi admin = new LoadTestAdmin(AdminApiClient.Create(Server.BaseAddress.ToString(), "not-a-token"));

        var refused = await Assert.ThrowsAsync<LoadTestException>(() => admin.GetAsync("api/feature-flags", CancellationToken.None));

        Assert.Contains("refused the token", refused.Message);
    }

    [Fact]
    public async Task Another_node_is_asked_with_the_same_token_and_one_not_there_is_a_LoadTestException()
    {
        var token = (await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin)).Token;
        using IAdminApi admin = new LoadTestAdmin(AdminApiClient.Create(Nobody.ToString(), token));
        using var there = admin.For(Server.BaseAddress);

        Assert.Equal(JsonValueKind.Array, (await there.GetAsync("api/feature-flags", CancellationToken.None)).ValueKind);
        var unreachable = await Assert.ThrowsAsync<LoadTestException>(() => admin.GetAsync("api/feature-flags", CancellationToken.None));
        Assert.Contains("Cannot reach", unreachable.Message);
    }
}

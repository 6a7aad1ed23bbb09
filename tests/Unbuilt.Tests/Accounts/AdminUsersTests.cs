using System.Net.Http.Json;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Tests.Accounts;

public sealed class AdminUsersTests(UnbuiltServer server) : IntegrationTest(server)
{
    [Fact]
    public async Task A_non_admin_gets_403_on_admin_routes()
    {
        var user = await Server.CreateUserAsync("ada@example.com");
        await AssertProblem(await Server.Client(user).GetAsync("/api/admin/users"), 403);
    }

    [Fact]
    public async Task An_admin_lists_users_and_changes_a_tier()
    {
        var admin = await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin);
        var ada = await Server.CreateUserAsync("ada@example.com");
        var client = Server.Client(admin);

        var patched = await client.PatchAsJsonAsync($"/api/admin/users/{ada.Id}", new { tier = "enterprise" });

        Assert.Equal("enterprise", (await ReadJson(patched)).GetProperty("tier").GetString());
        Assert.Equal("enterprise", (await ReadJson(await Server.Client(ada).GetAsync("/api/me"))).GetProperty("tier").GetString());
        var list = await ReadJson(await client.GetAsync("/api/admin/users"));
        Assert.Equal(2, list.GetArrayLength());
    }

    [Fact]
    public async Task An_unknown_tier_is_400_and_changes_nothing()
    {
        var admin = await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin);
        var ada = await Server.CreateUserAsync("ada@example.com");

        await AssertProblem(await Server.Client(admin).PatchAsJsonAsync($"/api/admin/users/{ada.Id}", new { tier = "platinum" }), 400);

        Assert.Equal("free", (await ReadJson(await Server.Client(ada).GetAsync("/api/me"))).GetProperty("tier").GetString());
    }

    [Fact]
    public async Task An_unknown_user_is_404()
    {
        var admin = await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin);
        await AssertProblem(await Server.Client(admin).PatchAsJsonAsync("/api/admin/users/999", new { role = "admin" }), 404);
    }

    [Fact]
    public async Task The_last_admin_cannot_be_demoted()
    {
        var admin = await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin);
        await AssertProblem(await Server.Client(admin).PatchAsJsonAsync($"/api/admin/users/{admin.Id}", new { role = "user" }), 409);
    }

    [Fact]
    public async Task A_demoted_admin_loses_admin_access_on_the_next_request()
    {
        var root = await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin);
        var second = await Server.CreateUserAsync("second@example.com", Tier.Enterprise, Role.Admin);

        await Server.Client(root).PatchAsJsonAsync($"/api/admin/users/{second.Id}", new { role = "user" });

        await AssertProblem(await Server.Client(second).GetAsync("/api/admin/users"), 403);
    }
}

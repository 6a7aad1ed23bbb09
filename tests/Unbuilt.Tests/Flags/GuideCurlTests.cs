using System.Net.Http.Json;
using System.Text;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Tests.Flags;

/// Every curl of the guide's appendix and rollback section, with an admin Bearer token, as written.
public sealed class GuideCurlTests(UnbuiltServer server) : FlagTest(server)
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<HttpClient> LiveFlagAsync()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await DeployAsync(admin, "beta");
        return admin;
    }

    [Fact]
    public async Task Patch_enabled_false_is_the_immediate_rollback()
    {
        var admin = await LiveFlagAsync();
        var pro = await Server.CreateUserAsync("pro@example.com", Tier.Pro);

        var flag = await OkJson(admin.PatchAsync($"{Api}/{Flag}", Body("""{"enabled": false}""")));

        Assert.False(flag.GetProperty("enabled").GetBoolean());
        Assert.Equal(10, flag.GetProperty("rolloutPercentage").GetInt32());
        Assert.Equal("rollback", flag.GetProperty("phase").GetString());
        Assert.Equal("DISABLED", await ReasonForAsync(pro));
    }

    [Fact]
    public async Task Patch_rollout_sets_the_percentage_and_keeps_the_rest()
    {
        var admin = await LiveFlagAsync();

        var flag = await OkJson(admin.PatchAsync($"{Api}/{Flag}/rollout", Body("""{"percentage": 5}""")));

        Assert.Equal(5, flag.GetProperty("rolloutPercentage").GetInt32());
        Assert.True(flag.GetProperty("enabled").GetBoolean());
        Assert.Equal(["pro", "enterprise"], Strings(flag, "allowedTiers"));
        Assert.Equal("custom", flag.GetProperty("phase").GetString());
        Assert.Equal(5, (await GetFlagAsync(admin)).GetProperty("rolloutPercentage").GetInt32());
    }

    [Fact]
    public async Task Post_creates_and_then_updates_a_flag_with_the_appendix_body()
    {
        var admin = await AdminAsync();
        var users = new[] { await Server.CreateUserAsync("a@example.com"), await Server.CreateUserAsync("b@example.com") };
        var body = $$"""
            {"name": "action_plan_customization", "description": "...", "enabled": true, "rolloutPercentage": 50,
             "allowedTiers": ["pro", "enterprise"], "allowedUserIds": [{{users[0].Id}}, {{users[1].Id}}]}
            """;

        var created = await admin.PostAsync(Api, Body(body));
        Assert.Equal(201, (int)created.StatusCode);
        Assert.EndsWith($"{Api}/{Flag}", created.Headers.Location!.ToString());
        var flag = await ReadJson(created);
        Assert.Equal("expanded", flag.GetProperty("phase").GetString());
        Assert.Equal(users.Select(u => u.Id), Ints(flag, "allowedUserIds"));

        var updated = await admin.PostAsync(Api, Body("""{"name": "action_plan_customization", "rolloutPercentage": 75}"""));
        Assert.Equal(200, (int)updated.StatusCode);
        flag = await ReadJson(updated);
        Assert.Equal(75, flag.GetProperty("rolloutPercentage").GetInt32());
        Assert.Equal("...", flag.GetProperty("description").GetString());
        Assert.Equal(users.Select(u => u.Id), Ints(flag, "allowedUserIds"));
    }

    [Fact]
    public async Task Post_and_delete_users_add_and_remove_a_beta_user()
    {
        var admin = await LiveFlagAsync();
        var free = await Server.CreateUserAsync("free@example.com");

        var added = await OkJson(admin.PostAsync($"{Api}/{Flag}/users", Body($$"""{"userId": {{free.Id}}}""")));
        Assert.Equal([free.Id], Ints(added, "allowedUserIds"));
        Assert.True(await SeesAsync(free));

        var removed = await OkJson(admin.DeleteAsync($"{Api}/{Flag}/users/{free.Id}"));
        Assert.Empty(Ints(removed, "allowedUserIds"));
        Assert.Equal("TIER_EXCLUDED", await ReasonForAsync(free));
    }

    [Fact]
    public async Task Check_answers_enabled_and_reason_for_the_caller()
    {
        var admin = await LiveFlagAsync();
        var free = await Server.CreateUserAsync("free@example.com");

        var check = await OkJson(Server.Client(free).GetAsync($"{Api}/check/{Flag}"));

        Assert.False(check.GetProperty("enabled").GetBoolean());
        Assert.Equal("TIER_EXCLUDED", check.GetProperty("reason").GetString());
        Assert.Equal("FLAG_NOT_FOUND", (await OkJson(admin.GetAsync($"{Api}/check/no_such_flag"))).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task User_features_lists_the_flags_on_for_the_caller()
    {
        var admin = await AdminAsync();
        var ada = await Server.CreateUserAsync("ada@example.com");
        await InitAsync(admin, "everyone_flag");
        await DeployAsync(admin, "general", "everyone_flag");
        await InitAsync(admin, "nobody_flag");
        await InitAsync(admin, "ada_flag");
        await OkJson(admin.PostAsJsonAsync($"{Api}/ada_flag/users", new { userId = ada.Id }));
        await DeployAsync(admin, "internal", "ada_flag");

        var features = await OkJson(Server.Client(ada).GetAsync($"{Api}/user/features"));

        Assert.Equal(["ada_flag", "everyone_flag"], Strings(features, "features"));
    }
}

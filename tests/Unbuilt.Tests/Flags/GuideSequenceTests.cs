using System.Net.Http.Json;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Tests.Flags;

/// The deployment guide's phases 1–5 and its rollback, through the API, as the CLI drives them.
public sealed class GuideSequenceTests(UnbuiltServer server) : FlagTest(server)
{
    // Ids no real user has, so beta entries do not count here.
    private static readonly int[] Ids = [.. Enumerable.Range(10_000, 400)];

    private async Task<HashSet<int>> ProIdsWithTheFeatureAsync(HttpClient admin)
    {
        var on = new HashSet<int>();
        foreach (var id in Ids)
            if ((await OkJson(admin.GetAsync($"{Api}/{Flag}/evaluate?userId={id}&tier=pro"))).GetProperty("enabled").GetBoolean())
                on.Add(id);
        return on;
    }

    [Fact]
    public async Task Init_add_users_then_each_phase_lets_in_exactly_whom_the_guide_says()
    {
        var admin = await AdminAsync();
        TestUser[] testers = [await Server.CreateUserAsync("t1@example.com"), await Server.CreateUserAsync("t2@example.com"),
            await Server.CreateUserAsync("t3@example.com")];
        var pro = await Server.CreateUserAsync("pro@example.com", Tier.Pro);
        var free = await Server.CreateUserAsync("free@example.com");

        var init = await InitAsync(admin);
        Assert.True(init.GetProperty("created").GetBoolean());
        var flag = init.GetProperty("flag");
        Assert.False(flag.GetProperty("enabled").GetBoolean());
        Assert.Equal(0, flag.GetProperty("rolloutPercentage").GetInt32());
        Assert.Empty(Strings(flag, "allowedTiers"));
        Assert.Empty(Ints(flag, "allowedUserIds"));
        Assert.Equal("init", flag.GetProperty("phase").GetString());

        foreach (var tester in testers)
            await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = tester.Id }));
        Assert.Equal(testers.Select(t => t.Id), Ints(await GetFlagAsync(admin), "allowedUserIds"));
        Assert.Equal("DISABLED", await ReasonForAsync(testers[0]));

        flag = await DeployAsync(admin, "internal");
        Assert.True(flag.GetProperty("enabled").GetBoolean());
        Assert.Equal(0, flag.GetProperty("rolloutPercentage").GetInt32());
        Assert.Equal(testers.Select(t => t.Id), Ints(flag, "allowedUserIds"));
        foreach (var tester in testers) Assert.Equal("TARGETING_MATCH", await ReasonForAsync(tester));
        Assert.False(await SeesAsync(pro));
        Assert.False(await SeesAsync(free));
        Assert.Empty(await ProIdsWithTheFeatureAsync(admin));

        flag = await DeployAsync(admin, "beta");
        Assert.Equal(10, flag.GetProperty("rolloutPercentage").GetInt32());
        Assert.Equal(["pro", "enterprise"], Strings(flag, "allowedTiers"));
        foreach (var tester in testers) Assert.True(await SeesAsync(tester), "beta users stay in at beta");
        Assert.Equal("TIER_EXCLUDED", await ReasonForAsync(free));
        var atTen = await ProIdsWithTheFeatureAsync(admin);
        Assert.InRange(atTen.Count, 20, 60); // about 10% of 400

        flag = await DeployAsync(admin, "expanded");
        Assert.Equal(50, flag.GetProperty("rolloutPercentage").GetInt32());
        var atFifty = await ProIdsWithTheFeatureAsync(admin);
        Assert.Subset(atFifty, atTen);
        Assert.InRange(atFifty.Count, 160, 240);

        flag = await DeployAsync(admin, "general");
        Assert.Equal(100, flag.GetProperty("rolloutPercentage").GetInt32());
        Assert.Empty(Strings(flag, "allowedTiers"));
        Assert.True(await SeesAsync(free));
        Assert.True(await SeesAsync(pro));

        flag = await OkJson(admin.PostAsync($"{Api}/{Flag}/rollback", null));
        Assert.False(flag.GetProperty("enabled").GetBoolean());
        Assert.Equal("rollback", flag.GetProperty("phase").GetString());
        Assert.Equal(testers.Select(t => t.Id), Ints(flag, "allowedUserIds"));
        foreach (var user in testers.Append(pro).Append(free)) Assert.Equal("DISABLED", await ReasonForAsync(user));
    }

    [Fact]
    public async Task Enabling_after_a_rollback_restores_the_rollout_exactly()
    {
        var admin = await AdminAsync();
        var tester = await Server.CreateUserAsync("t1@example.com");
        await InitAsync(admin);
        await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = tester.Id }));
        var deployed = await DeployAsync(admin, "beta");
        var before = await ProIdsWithTheFeatureAsync(admin);

        await OkJson(admin.PostAsync($"{Api}/{Flag}/rollback", null));
        Assert.Empty(await ProIdsWithTheFeatureAsync(admin));
        Assert.False(await SeesAsync(tester));
        var restored = await OkJson(admin.PatchAsJsonAsync($"{Api}/{Flag}", new { enabled = true }));

        Assert.Equal("beta", restored.GetProperty("phase").GetString());
        foreach (var field in new[] { "enabled", "rolloutPercentage", "allowedTiers", "allowedUserIds" })
            Assert.Equal(deployed.GetProperty(field).GetRawText(), restored.GetProperty(field).GetRawText());
        Assert.Equal(before, await ProIdsWithTheFeatureAsync(admin));
        Assert.True(await SeesAsync(tester));
    }

    [Fact]
    public async Task Deploy_keeps_beta_users_in_every_phase()
    {
        var admin = await AdminAsync();
        var tester = await Server.CreateUserAsync("t1@example.com");
        await InitAsync(admin);
        await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = tester.Id }));

        foreach (var phase in new[] { "internal", "beta", "expanded", "general", "internal" })
        {
            Assert.Equal([tester.Id], Ints(await DeployAsync(admin, phase), "allowedUserIds"));
            Assert.True(await SeesAsync(tester), $"the beta user sees the feature in {phase}");
        }
        Assert.Equal([tester.Id], await EnabledRowsAsync());
    }
}

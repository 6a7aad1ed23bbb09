using System.Net.Http.Json;
using Unbuilt.Data.Accounts;
using Unbuilt.FlagEngine;

namespace Unbuilt.Tests.Flags;

/// evaluate answers what any user gets, with the murmur3 bucket, agreeing with the engine and with check/{name}.
public sealed class EvaluateTests(UnbuiltServer server) : FlagTest(server)
{
    [Fact]
    public async Task The_answer_agrees_with_the_bucket_formula_for_many_ids()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await OkJson(admin.PatchAsJsonAsync($"{Api}/{Flag}", new { enabled = true, rolloutPercentage = 37 }));

        foreach (var id in Enumerable.Range(1, 300).Concat([int.MaxValue, 1_000_000]))
        {
            var answer = await OkJson(admin.GetAsync($"{Api}/{Flag}/evaluate?userId={id}&tier=free"));
            var bucket = Bucket.For(Flag, id);
            Assert.Equal(bucket, answer.GetProperty("bucket").GetInt32());
            Assert.Equal(bucket <= 37, answer.GetProperty("enabled").GetBoolean());
            Assert.Equal("SPLIT", answer.GetProperty("reason").GetString());
        }
    }

    [Fact]
    public async Task Without_a_tier_it_uses_the_users_own_and_agrees_with_their_check()
    {
        var admin = await AdminAsync();
        var free = await Server.CreateUserAsync("free@example.com");
        var pro = await Server.CreateUserAsync("pro@example.com", Tier.Pro);
        await InitAsync(admin);
        await OkJson(admin.PatchAsJsonAsync($"{Api}/{Flag}", new { enabled = true, rolloutPercentage = 100, allowedTiers = new[] { "pro" } }));

        var forFree = await OkJson(admin.GetAsync($"{Api}/{Flag}/evaluate?userId={free.Id}"));
        var forPro = await OkJson(admin.GetAsync($"{Api}/{Flag}/evaluate?userId={pro.Id}"));

        Assert.Equal(("free", false, "TIER_EXCLUDED"), (forFree.GetProperty("tier").GetString(), forFree.GetProperty("enabled").GetBoolean(), forFree.GetProperty("reason").GetString()));
        Assert.Equal(("pro", true, "SPLIT"), (forPro.GetProperty("tier").GetString(), forPro.GetProperty("enabled").GetBoolean(), forPro.GetProperty("reason").GetString()));
        Assert.Equal("TIER_EXCLUDED", await ReasonForAsync(free));
        Assert.True(await SeesAsync(pro));
    }

    [Fact]
    public async Task A_tier_makes_it_a_what_if_for_any_id_even_an_unknown_one()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await OkJson(admin.PatchAsJsonAsync($"{Api}/{Flag}", new { enabled = true, rolloutPercentage = 100, allowedTiers = new[] { "enterprise" } }));

        var asEnterprise = await OkJson(admin.GetAsync($"{Api}/{Flag}/evaluate?userId=424242&tier=enterprise"));
        var asFree = await OkJson(admin.GetAsync($"{Api}/{Flag}/evaluate?userId=424242&tier=free"));

        Assert.True(asEnterprise.GetProperty("enabled").GetBoolean());
        Assert.Equal("TIER_EXCLUDED", asFree.GetProperty("reason").GetString());
        Assert.Equal(Bucket.For(Flag, 424242), asFree.GetProperty("bucket").GetInt32());
    }

    [Fact]
    public async Task A_beta_user_and_a_blocked_user_are_targeting_matches()
    {
        var admin = await AdminAsync();
        var beta = await Server.CreateUserAsync("beta@example.com");
        var blocked = await Server.CreateUserAsync("blocked@example.com", Tier.Pro);
        await InitAsync(admin);
        await DeployAsync(admin, "general");
        await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = beta.Id }));
        await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = blocked.Id, enabled = false }));

        var forBlocked = await OkJson(admin.GetAsync($"{Api}/{Flag}/evaluate?userId={blocked.Id}"));

        Assert.Equal((false, "TARGETING_MATCH"), (forBlocked.GetProperty("enabled").GetBoolean(), forBlocked.GetProperty("reason").GetString()));
        Assert.Equal("TARGETING_MATCH", await ReasonForAsync(beta));
        Assert.False(await SeesAsync(blocked));
    }
}

using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Unbuilt.Data.Accounts;
using Unbuilt.Flags;

namespace Unbuilt.Tests.Flags;

/// The app plus two test-only routes behind the gate: one for signed-in users, one open to anyone.
public sealed class GatedServer : UnbuiltServer
{
    protected override void MapTestRoutes(WebApplication app)
    {
        app.MapGroup("/api/test/gated").RequireAuthorization().RequireFeature(FlagTest.Flag)
            .MapGet("/", () => TypedResults.Ok(new { secret = "plans" }));
        app.MapGet("/api/test/public", () => TypedResults.Ok(new { secret = "public" })).RequireFeature(FlagTest.Flag);
    }
}

public sealed class FeatureGateTests(GatedServer server) : FlagTest<GatedServer>(server)
{
    [Fact]
    public async Task A_missing_flag_keeps_the_route_closed_with_a_404_naming_the_feature()
    {
        var pro = await Server.CreateUserAsync("pro@example.com", Tier.Pro);

        var problem = await AssertProblem(await Server.Client(pro).GetAsync("/api/test/gated"), 404);

        Assert.Equal("The feature 'action_plan_customization' is not available to you (FLAG_NOT_FOUND).",
            problem.GetProperty("detail").GetString());
        Assert.Equal(Flag, problem.GetProperty("feature").GetString());
    }

    [Fact]
    public async Task The_gate_follows_the_flag_for_each_user_at_once()
    {
        var admin = await AdminAsync();
        var beta = await Server.CreateUserAsync("beta@example.com");
        var free = await Server.CreateUserAsync("free@example.com");
        await InitAsync(admin);
        await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = beta.Id }));

        var closed = await AssertProblem(await Server.Client(beta).GetAsync("/api/test/gated"), 404);
        Assert.Equal("DISABLED", closed.GetProperty("reason").GetString());

        await DeployAsync(admin, "internal");
        Assert.Equal("plans", (await OkJson(Server.Client(beta).GetAsync("/api/test/gated"))).GetProperty("secret").GetString());
        await AssertProblem(await Server.Client(free).GetAsync("/api/test/gated"), 404);

        await DeployAsync(admin, "beta");
        var excluded = await AssertProblem(await Server.Client(free).GetAsync("/api/test/gated"), 404);
        Assert.Contains("TIER_EXCLUDED", excluded.GetProperty("detail").GetString());

        await OkJson(admin.PostAsync($"{Api}/{Flag}/rollback", null));
        await AssertProblem(await Server.Client(beta).GetAsync("/api/test/gated"), 404);
    }

    [Fact]
    public async Task Authentication_still_comes_first()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await DeployAsync(admin, "general");

        await AssertProblem(await Server.Client().GetAsync("/api/test/gated"), 401);
    }

    [Fact]
    public async Task An_anonymous_caller_passes_only_at_100_percent_for_all_tiers()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await OkJson(admin.PatchAsJsonAsync($"{Api}/{Flag}", new { enabled = true, rolloutPercentage = 99 }));
        await AssertProblem(await Server.Client().GetAsync("/api/test/public"), 404);

        await DeployAsync(admin, "general");

        Assert.Equal("public", (await OkJson(Server.Client().GetAsync("/api/test/public"))).GetProperty("secret").GetString());
    }
}

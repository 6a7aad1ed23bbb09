using System.Net.Http.Json;

namespace Unbuilt.Tests.Flags;

/// Reading flags, the flag JSON's fields, init's idempotence, PATCH of a subset, per-flag plans and guard policy.
public sealed class FlagApiTests(UnbuiltServer server) : FlagTest(server)
{
    [Fact]
    public async Task A_flag_has_the_guides_fields_and_ours()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);

        var flag = await GetFlagAsync(admin);

        Assert.Equal(
            ["name", "description", "enabled", "rolloutPercentage", "allowedTiers", "allowedUserIds", "createdAt", "updatedAt",
             "phase", "phaseStartedAt", "guardPolicy", "blockedUserIds", "rolloutPlan", "state", "archivedAt", "lastEvaluatedAt",
             "steadySince", "readyToRemove", "health", "segments"],
            flag.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Flag, flag.GetProperty("name").GetString());
        Assert.Equal("alert", flag.GetProperty("guardPolicy").GetString());
        Assert.StartsWith("Action plans", flag.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Init_is_idempotent_and_leaves_an_existing_flag_alone()
    {
        var admin = await AdminAsync();
        var first = await admin.PostAsync($"{Api}/{Flag}/init", null);
        Assert.Equal(201, (int)first.StatusCode);
        await DeployAsync(admin, "beta");

        var again = await OkJson(admin.PostAsync($"{Api}/{Flag}/init", null));

        Assert.False(again.GetProperty("created").GetBoolean());
        Assert.Equal("beta", again.GetProperty("flag").GetProperty("phase").GetString());
        Assert.Equal(2, (await OkJson(admin.GetAsync($"{Api}/{Flag}/history"))).GetArrayLength());
    }

    [Fact]
    public async Task The_list_is_every_flag_by_name()
    {
        var admin = await AdminAsync();
        await InitAsync(admin, "zeta");
        await InitAsync(admin, "alpha");

        var list = await OkJson(admin.GetAsync(Api));

        Assert.Equal(["alpha", "zeta"], list.EnumerateArray().Select(f => f.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Patch_changes_only_the_fields_sent()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await DeployAsync(admin, "beta");

        var flag = await OkJson(admin.PatchAsJsonAsync($"{Api}/{Flag}", new { description = "Plans", guardPolicy = "step-down" }));

        Assert.Equal(("Plans", "step-down", 10, true), (flag.GetProperty("description").GetString(),
            flag.GetProperty("guardPolicy").GetString(), flag.GetProperty("rolloutPercentage").GetInt32(),
            flag.GetProperty("enabled").GetBoolean()));
        Assert.Equal("beta", flag.GetProperty("phase").GetString());
        Assert.Equal(["pro", "enterprise"], Strings(flag, "allowedTiers"));
    }

    [Fact]
    public async Task A_flag_can_have_its_own_plan_and_deploys_from_it()
    {
        var admin = await AdminAsync();
        await InitAsync(admin, "search_v2");
        var plan = new object[]
        {
            new { name = "off", enabled = false, rolloutPercentage = 0 },
            new { name = "canary", enabled = true, rolloutPercentage = 1, allowedTiers = new[] { "enterprise" }, plannedDuration = "1.00:00:00" },
            new { name = "all", enabled = true, rolloutPercentage = 100 },
        };

        var flag = await OkJson(admin.PatchAsJsonAsync($"{Api}/search_v2", new { rolloutPlan = plan }));
        Assert.Equal("off", flag.GetProperty("phase").GetString());
        Assert.Equal("canary", flag.GetProperty("rolloutPlan")[1].GetProperty("name").GetString());

        flag = await DeployAsync(admin, "canary", "search_v2");
        Assert.Equal((1, "enterprise"), (flag.GetProperty("rolloutPercentage").GetInt32(), Strings(flag, "allowedTiers").Single()));
        var status = await OkJson(admin.GetAsync($"{Api}/search_v2/status"));
        Assert.Equal(("all", 86400L), (status.GetProperty("nextPhase").GetString(), status.GetProperty("plannedDurationSeconds").GetInt64()));
        await AssertProblem(await admin.PostAsJsonAsync($"{Api}/search_v2/deploy", new { phase = "beta" }), 400);

        flag = await OkJson(admin.PatchAsJsonAsync($"{Api}/search_v2", new { rolloutPlan = Array.Empty<object>() }));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, flag.GetProperty("rolloutPlan").ValueKind);
        Assert.Equal("custom", flag.GetProperty("phase").GetString());
    }

    [Fact]
    public async Task The_openapi_document_lists_the_flag_routes()
    {
        var document = await Server.Client().GetStringAsync("/openapi/v1.json");

        foreach (var route in new[] { "/api/feature-flags/{name}/deploy", "/api/feature-flags/check/{name}", "/api/feature-flags/cache/clear" })
            Assert.Contains(route, document);
    }
}

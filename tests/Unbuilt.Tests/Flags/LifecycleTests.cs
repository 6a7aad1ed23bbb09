using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Flags;

namespace Unbuilt.Tests.Flags;

/// A flag's operator side: create only, describe, archive, restore, delete, last evaluated and ready to remove.
public sealed class LifecycleTests(UnbuiltServer server) : FlagTest(server)
{
    private async Task<HttpResponseMessage> CreateOnlyAsync(HttpClient admin, string name, string description = "New thing")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Api) { Content = JsonContent.Create(new { name, description }) };
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        return await admin.SendAsync(request);
    }

    private Task FlushUsageAsync() => Server.Services.GetRequiredService<FlagUsageFlusher>().FlushAsync(CancellationToken.None);

    private Task SetAsync(string name, DateTime? lastEvaluated = null, DateTime? steadySince = null) => DbAsync(db =>
        db.FeatureFlags.Where(f => f.Name == name).ExecuteUpdateAsync(s => s
            .SetProperty(f => f.LastEvaluatedAt, f => lastEvaluated ?? f.LastEvaluatedAt)
            .SetProperty(f => f.SteadySince, f => steadySince ?? f.SteadySince)));

    private async Task<List<string>> ListedAsync(HttpClient admin, string query = "") =>
        [.. (await OkJson(admin.GetAsync(Api + query))).EnumerateArray().Select(f => f.GetProperty("name").GetString()!)];

    [Fact]
    public async Task Create_only_answers_409_FLAG_EXISTS_for_a_taken_name_while_plain_POST_still_updates()
    {
        var admin = await AdminAsync();

        var created = await CreateOnlyAsync(admin, "lc_create");
        Assert.Equal(201, (int)created.StatusCode);
        var again = await AssertProblem(await CreateOnlyAsync(admin, "lc_create", "Other"), 409);
        Assert.Equal("FLAG_EXISTS", again.GetProperty("code").GetString());
        Assert.Equal("New thing", (await GetFlagAsync(admin, "lc_create")).GetProperty("description").GetString());

        var updated = await admin.PostAsJsonAsync(Api, new { name = "lc_create", description = "Updated" });
        Assert.Equal(200, (int)updated.StatusCode);
        using var odd = new HttpRequestMessage(HttpMethod.Post, Api) { Content = JsonContent.Create(new { name = "lc_odd" }) };
        odd.Headers.TryAddWithoutValidation("If-None-Match", "\"abc\"");
        await AssertProblem(await admin.SendAsync(odd), 400);
    }

    [Fact]
    public async Task An_archived_flag_evaluates_as_not_found_everywhere_and_leaves_the_list_until_restored()
    {
        var admin = await AdminAsync();
        var user = await Server.CreateUserAsync("lc-user@example.com");
        await OkJson(admin.PostAsJsonAsync(Api, new { name = "lc_archive", enabled = true, rolloutPercentage = 100 }));
        Assert.True(await SeesAsync(user, "lc_archive"));

        var archived = await OkJson(admin.PostAsJsonAsync($"{Api}/lc_archive/archive", new { reason = "shipped long ago" }));

        Assert.Equal("archived", archived.GetProperty("state").GetString());
        Assert.Equal("FLAG_NOT_FOUND", await ReasonForAsync(user, "lc_archive"));
        var features = await OkJson(Server.Client(user).GetAsync($"{Api}/user/features"));
        Assert.DoesNotContain("lc_archive", features.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
        await AssertProblem(await admin.GetAsync($"{Api}/lc_archive/evaluate?userId={user.Id}"), 404);
        Assert.DoesNotContain("lc_archive", await ListedAsync(admin));
        Assert.Contains("lc_archive", await ListedAsync(admin, "?archived=true"));
        var refused = await AssertProblem(await admin.PatchAsJsonAsync($"{Api}/lc_archive", new { description = "x" }), 409);
        Assert.Equal("FLAG_ARCHIVED", refused.GetProperty("code").GetString());
        await AssertProblem(await admin.PostAsJsonAsync($"{Api}/lc_archive/deploy", new { phase = "general" }), 409);

        var restored = await OkJson(admin.PostAsJsonAsync($"{Api}/lc_archive/restore", new { reason = "still needed" }));

        Assert.Equal("on", restored.GetProperty("state").GetString());
        Assert.True(await SeesAsync(user, "lc_archive"));
        var history = (await OkJson(admin.GetAsync($"{Api}/lc_archive/history"))).EnumerateArray().ToList();
        Assert.Equal(["restore", "archive", "create"], history.Select(h => h.GetProperty("action").GetString()));
        Assert.Equal(["still needed", "shipped long ago"], history.Take(2).Select(h => h.GetProperty("reason").GetString()));
        var change = history[1].GetProperty("changes").EnumerateArray().Single();
        Assert.Equal(("archived", false, true), (change.GetProperty("field").GetString(),
            change.GetProperty("before").GetBoolean(), change.GetProperty("after").GetBoolean()));
    }

    [Fact]
    public async Task Delete_needs_the_flag_archived_and_unused_for_the_configured_days_and_says_when()
    {
        var admin = await AdminAsync();
        var user = await Server.CreateUserAsync("lc-del@example.com");
        await OkJson(admin.PostAsJsonAsync(Api, new { name = "lc_delete", enabled = true, rolloutPercentage = 100 }));
        await SeesAsync(user, "lc_delete");

        var live = await AssertProblem(await admin.DeleteAsync($"{Api}/lc_delete"), 409);
        Assert.Equal("FLAG_NOT_ARCHIVED", live.GetProperty("code").GetString());

        await OkJson(admin.PostAsync($"{Api}/lc_delete/archive", null));
        var used = await AssertProblem(await admin.DeleteAsync($"{Api}/lc_delete"), 409);
        Assert.Equal("FLAG_IN_USE", used.GetProperty("code").GetString());
        var lastEvaluated = used.GetProperty("lastEvaluatedAt").GetDateTime();
        Assert.Equal(lastEvaluated.AddDays(7), used.GetProperty("deletableAt").GetDateTime());
        Assert.Contains("7 days", used.GetProperty("detail").GetString());

        await FlushUsageAsync();
        await SetAsync("lc_delete", lastEvaluated: DateTime.UtcNow.AddDays(-8));
        var deleted = await admin.DeleteAsync($"{Api}/lc_delete?reason=gone%20from%20the%20code");

        Assert.Equal(204, (int)deleted.StatusCode);
        await AssertProblem(await admin.GetAsync($"{Api}/lc_delete"), 404);
        var rows = await DbAsync(db => db.FeatureFlagChanges.Where(c => c.FlagName == "lc_delete").OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(["create", "archive", "delete"], rows.Select(r => r.Action));
        Assert.Equal("gone from the code", rows[^1].Reason);
        Assert.All(rows, r => Assert.Null(r.FeatureFlagId));
    }

    [Fact]
    public async Task An_archived_flag_never_evaluated_can_be_deleted_at_once()
    {
        var admin = await AdminAsync();
        await OkJson(admin.PostAsJsonAsync(Api, new { name = "lc_unused" }));
        await OkJson(admin.PostAsync($"{Api}/lc_unused/archive", null));
        Assert.Equal(204, (int)(await admin.DeleteAsync($"{Api}/lc_unused")).StatusCode);
    }

    [Fact]
    public async Task Evaluations_are_flushed_as_last_evaluated_and_the_list_marks_flags_ready_to_remove()
    {
        var admin = await AdminAsync();
        var user = await Server.CreateUserAsync("lc-eval@example.com");
        await OkJson(admin.PostAsJsonAsync(Api, new { name = "lc_eval", enabled = true, rolloutPercentage = 100 }));
        await OkJson(admin.PostAsJsonAsync(Api, new { name = "lc_half", enabled = true, rolloutPercentage = 50 }));
        Assert.Equal(JsonValueKind.Null, (await GetFlagAsync(admin, "lc_eval")).GetProperty("lastEvaluatedAt").ValueKind);

        await SeesAsync(user, "lc_eval");
        await OkJson(Server.Client(user).GetAsync($"{Api}/user/features")); // lists every flag: asks for none by name
        await FlushUsageAsync();

        var stored = await DbAsync(db => db.FeatureFlags.Where(f => f.Name == "lc_eval").Select(f => f.LastEvaluatedAt).SingleAsync());
        Assert.NotNull(stored);
        Assert.Null(await DbAsync(db => db.FeatureFlags.Where(f => f.Name == "lc_half").Select(f => f.LastEvaluatedAt).SingleAsync()));

        var list = (await OkJson(admin.GetAsync(Api))).EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.False(list["lc_eval"].GetProperty("readyToRemove").GetBoolean());
        await SetAsync("lc_eval", steadySince: DateTime.UtcNow.AddDays(-15));
        list = (await OkJson(admin.GetAsync(Api))).EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.True(list["lc_eval"].GetProperty("readyToRemove").GetBoolean());
        Assert.Equal("on", list["lc_eval"].GetProperty("state").GetString());
        Assert.Equal("none", list["lc_eval"].GetProperty("health").GetString()); // general has no gate to leave
        Assert.NotEqual(JsonValueKind.Null, list["lc_eval"].GetProperty("lastEvaluatedAt").ValueKind);

        await OkJson(admin.PatchAsJsonAsync($"{Api}/lc_eval/rollout", new { percentage = 90 }));
        Assert.False((await GetFlagAsync(admin, "lc_eval")).GetProperty("readyToRemove").GetBoolean());
        Assert.Equal(JsonValueKind.Null, (await GetFlagAsync(admin, "lc_eval")).GetProperty("steadySince").ValueKind);
    }

    [Fact]
    public async Task A_flag_at_half_has_no_steady_time()
    {
        var admin = await AdminAsync();
        var half = await OkJson(admin.PostAsJsonAsync(Api, new { name = "lc_mid", enabled = true, rolloutPercentage = 50 }));
        Assert.Equal(JsonValueKind.Null, half.GetProperty("steadySince").ValueKind);
        var off = await OkJson(admin.PatchAsJsonAsync($"{Api}/lc_mid", new { enabled = false }));
        Assert.NotEqual(JsonValueKind.Null, off.GetProperty("steadySince").ValueKind);
    }

    [Fact]
    public async Task Describe_and_guard_policy_changes_are_named_and_show_before_and_after()
    {
        var admin = await AdminAsync();
        await OkJson(admin.PostAsJsonAsync(Api, new { name = "lc_desc", description = "Old" }));
        await OkJson(admin.PatchAsJsonAsync($"{Api}/lc_desc", new { description = "New", reason = "clearer" }));
        await OkJson(admin.PatchAsJsonAsync($"{Api}/lc_desc", new { guardPolicy = "rollback" }));

        var history = (await OkJson(admin.GetAsync($"{Api}/lc_desc/history"))).EnumerateArray().ToList();

        Assert.Equal(["guard_policy", "describe", "create"], history.Select(h => h.GetProperty("action").GetString()));
        var policy = history[0].GetProperty("changes").EnumerateArray().Single();
        Assert.Equal(("guardPolicy", "alert", "rollback"), (policy.GetProperty("field").GetString(),
            policy.GetProperty("before").GetString(), policy.GetProperty("after").GetString()));
        var description = history[1].GetProperty("changes").EnumerateArray().Single();
        Assert.Equal(("Old", "New"), (description.GetProperty("before").GetString(), description.GetProperty("after").GetString()));
        Assert.Equal("root@example.com", history[1].GetProperty("actorEmail").GetString());
        Assert.False(string.IsNullOrEmpty(history[1].GetProperty("actorName").GetString()));
    }

    [Fact]
    public async Task User_changes_name_the_user_by_name_and_email()
    {
        var admin = await AdminAsync();
        var tester = await Server.CreateUserAsync("lc-tester@example.com");
        await OkJson(admin.PostAsJsonAsync(Api, new { name = "lc_users" }));
        await OkJson(admin.PostAsJsonAsync($"{Api}/lc_users/users", new { userId = tester.Id }));
        await OkJson(admin.DeleteAsync($"{Api}/lc_users/users/{tester.Id}"));

        var history = (await OkJson(admin.GetAsync($"{Api}/lc_users/history"))).EnumerateArray().ToList();

        Assert.All(history.Take(2), h =>
        {
            var user = h.GetProperty("user");
            Assert.Equal(tester.Id, user.GetProperty("id").GetInt32());
            Assert.Equal("lc-tester@example.com", user.GetProperty("email").GetString());
            Assert.Contains("(lc-tester@example.com)", user.GetProperty("words").GetString());
        });
    }

    [Fact]
    public async Task A_reason_over_500_characters_is_refused_on_every_change()
    {
        var admin = await AdminAsync();
        await OkJson(admin.PostAsJsonAsync(Api, new { name = "lc_reason" }));
        var reason = new string('r', 501);

        await AssertProblem(await admin.PatchAsJsonAsync($"{Api}/lc_reason", new { description = "x", reason }), 400);
        await AssertProblem(await admin.PatchAsJsonAsync($"{Api}/lc_reason/rollout", new { percentage = 5, reason }), 400);
        await AssertProblem(await admin.PostAsJsonAsync($"{Api}/lc_reason/archive", new { reason }), 400);
        await AssertProblem(await admin.PostAsJsonAsync($"{Api}/lc_reason/restore", new { reason }), 400);
        await AssertProblem(await admin.DeleteAsync($"{Api}/lc_reason?reason={reason}"), 400);
        await AssertProblem(await admin.PostAsJsonAsync($"{Api}/lc_reason/rollback", new { reason }), 400);
        Assert.Single((await OkJson(admin.GetAsync($"{Api}/lc_reason/history"))).EnumerateArray());
    }
}

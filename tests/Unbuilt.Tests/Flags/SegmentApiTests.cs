using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Tests.Flags;

/// /api/segments: admins create named targeting rules, flags and phases target them, evaluation follows at once,
/// and every change is in the segment's history and the audit log.
public sealed class SegmentApiTests(UnbuiltServer server) : FlagTest(server)
{
    private const string Segments = "/api/segments";

    private static object InternalPlan(params string[] segments) => new object[]
    {
        new { name = "init", enabled = false, rolloutPercentage = 0 },
        new { name = "internal", enabled = true, rolloutPercentage = 0, segments },
        new { name = "general", enabled = true, rolloutPercentage = 100 },
    };

    private static Task<JsonElement> CreateAsync(HttpClient admin, object body) => OkJson(admin.PostAsJsonAsync(Segments, body));

    private static Task<JsonElement> CreateInternalAsync(HttpClient admin) =>
        CreateAsync(admin, new { name = "internal", description = "Our own staff", emailDomains = new[] { "Unbuilt.IO" }, reason = "dogfooding" });

    [Fact]
    public async Task The_internal_phase_given_to_the_company_domain_turns_the_feature_on_at_0_percent_for_staff_only()
    {
        var admin = await AdminAsync("root@example.com");
        var staff = await Server.CreateUserAsync("ana@unbuilt.io");
        var staffAbroad = await Server.CreateUserAsync("li@eu.unbuilt.io");
        var customer = await Server.CreateUserAsync("bob@example.com", Tier.Enterprise);
        var lookalike = await Server.CreateUserAsync("eve@notunbuilt.io");
        await CreateInternalAsync(admin);
        await InitAsync(admin);
        await OkJson(admin.PatchAsJsonAsync($"{Api}/{Flag}", new { rolloutPlan = InternalPlan("internal"), reason = "internal = our domain" }));

        var flag = await DeployAsync(admin, "internal");

        Assert.Equal(("internal", 0, true), (flag.GetProperty("phase").GetString(), flag.GetProperty("rolloutPercentage").GetInt32(),
            flag.GetProperty("enabled").GetBoolean()));
        Assert.Equal(["internal"], Strings(flag, "segments"));
        await OkJson(Server.Client(staff).GetAsync("/api/plans"));
        await OkJson(Server.Client(staffAbroad).GetAsync("/api/plans"));
        await AssertProblem(await Server.Client(customer).GetAsync("/api/plans"), 404);
        await AssertProblem(await Server.Client(lookalike).GetAsync("/api/plans"), 404);
        Assert.Equal("TARGETING_MATCH", await ReasonForAsync(staff));
        Assert.Equal("SPLIT", await ReasonForAsync(customer));

        var explained = await OkJson(admin.GetAsync($"{Api}/{Flag}/evaluate?userId={staff.Id}"));
        Assert.Equal("internal", explained.GetProperty("segment").GetString());
        Assert.Equal("segment internal (email domain unbuilt.io)", explained.GetProperty("explanation").GetString());
        var notExplained = await OkJson(admin.GetAsync($"{Api}/{Flag}/evaluate?userId={customer.Id}"));
        Assert.Equal(JsonValueKind.Null, notExplained.GetProperty("segment").ValueKind);
        Assert.Contains("above the 0 % rollout", notExplained.GetProperty("explanation").GetString());

        // The flag's history shows the segment arriving with the phase.
        var deploy = (await OkJson(admin.GetAsync($"{Api}/{Flag}/history"))).EnumerateArray().First();
        Assert.Equal("deploy", deploy.GetProperty("action").GetString());
        Assert.Contains(deploy.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "segments");
    }

    [Fact]
    public async Task Changing_a_segment_changes_evaluation_at_once_and_is_in_its_history_with_the_reason()
    {
        var admin = await AdminAsync();
        var partner = await Server.CreateUserAsync("pat@partner.example");
        var created = await CreateInternalAsync(admin);
        var id = created.GetProperty("id").GetInt32();
        await InitAsync(admin);
        await OkJson(admin.PatchAsJsonAsync($"{Api}/{Flag}", new { enabled = true, segments = new[] { "internal" } }));
        Assert.False(await SeesAsync(partner));

        var updated = await OkJson(admin.PatchAsJsonAsync($"{Segments}/{id}",
            new { emailDomains = new[] { "unbuilt.io", "partner.example" }, reason = "the partner tests it too" }));

        Assert.Equal(["partner.example", "unbuilt.io"], Strings(updated, "emailDomains"));
        Assert.Equal([Flag], Strings(updated, "usedBy"));
        Assert.True(await SeesAsync(partner));
        var history = (await OkJson(admin.GetAsync($"{Segments}/{id}/history"))).EnumerateArray().ToList();
        Assert.Equal(["update", "create"], history.Select(h => h.GetProperty("action").GetString()));
        Assert.Equal("the partner tests it too", history[0].GetProperty("reason").GetString());
        Assert.Equal("dogfooding", history[1].GetProperty("reason").GetString());
        Assert.Equal("root@example.com", history[0].GetProperty("actor").GetString());
        Assert.Equal(["emailDomains"], history[0].GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString()));
        var audit = await DbAsync(db => db.SecurityAuditLogs.Where(l => l.Action.StartsWith("segment.")).OrderBy(l => l.Id)
            .Select(l => l.Action).ToListAsync());
        Assert.Equal(["segment.create", "segment.update"], audit);
    }

    [Fact]
    public async Task Create_list_patch_and_delete()
    {
        var admin = await AdminAsync();
        var listed = await Server.CreateUserAsync("listed@example.com");

        var created = await CreateAsync(admin, new
        {
            name = "veterans", userIds = new[] { listed.Id, listed.Id }, tiers = new[] { "enterprise", "pro" }, minAccountAgeDays = 30,
        });
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal([listed.Id], Ints(created, "userIds"));
        Assert.Equal(["pro", "enterprise"], Strings(created, "tiers"));
        Assert.Equal(30, created.GetProperty("minAccountAgeDays").GetInt32());

        var list = await OkJson(admin.GetAsync(Segments));
        Assert.Equal("veterans", list.EnumerateArray().Single().GetProperty("name").GetString());

        var patched = await OkJson(admin.PatchAsJsonAsync($"{Segments}/{id}", new { name = "veterans", minAccountAgeDays = 0, description = "old hands" }));
        Assert.Equal(JsonValueKind.Null, patched.GetProperty("minAccountAgeDays").ValueKind);
        Assert.Equal("old hands", patched.GetProperty("description").GetString());

        var deleted = await admin.DeleteAsync($"{Segments}/{id}?reason=not%20needed");
        Assert.Equal(204, (int)deleted.StatusCode);
        Assert.Empty((await OkJson(admin.GetAsync(Segments))).EnumerateArray());
        await AssertProblem(await admin.PatchAsJsonAsync($"{Segments}/{id}", new { description = "x" }), 404);
        var kept = await DbAsync(db => db.SegmentChanges.OrderBy(c => c.Id).Select(c => new { c.Action, c.Reason, c.SegmentId }).ToListAsync());
        Assert.Equal(["create", "update", "delete"], kept.Select(c => c.Action));
        Assert.Equal("not needed", kept[2].Reason);
        Assert.All(kept, c => Assert.Null(c.SegmentId));
    }

    [Fact]
    public async Task A_segment_in_use_by_a_flag_or_a_phase_cannot_be_deleted_and_the_409_names_them()
    {
        var admin = await AdminAsync();
        var id = (await CreateInternalAsync(admin)).GetProperty("id").GetInt32();
        await InitAsync(admin);
        await InitAsync(admin, "other_flag");
        await OkJson(admin.PatchAsJsonAsync($"{Api}/{Flag}", new { rolloutPlan = InternalPlan("internal") }));
        await OkJson(admin.PatchAsJsonAsync($"{Api}/other_flag", new { segments = new[] { "internal" } }));

        var problem = await AssertProblem(await admin.DeleteAsync($"{Segments}/{id}"), 409);

        Assert.Equal("SEGMENT_IN_USE", problem.GetProperty("code").GetString());
        Assert.Equal([$"{Flag} (phase internal)", "other_flag"], Strings(problem, "usedBy"));
        Assert.Single((await OkJson(admin.GetAsync(Segments))).EnumerateArray());
    }

    public static TheoryData<string, string> BadCreates => new()
    {
        { """{"emailDomains":["unbuilt.io"]}""", "name" },
        { """{"name":"Internal","emailDomains":["unbuilt.io"]}""", "name" },
        { """{"name":"internal"}""", "body" },
        { """{"name":"internal","userIds":[],"emailDomains":[],"tiers":[],"minAccountAgeDays":0}""", "body" },
        { """{"name":"internal","emailDomains":["unbuilt"]}""", "emailDomains" },
        { """{"name":"internal","emailDomains":["ana@unbuilt.io"]}""", "emailDomains" },
        { """{"name":"internal","emailDomains":[""]}""", "emailDomains" },
        { """{"name":"internal","tiers":["gold"]}""", "tiers" },
        { """{"name":"internal","minAccountAgeDays":-1}""", "minAccountAgeDays" },
        { """{"name":"internal","minAccountAgeDays":36501}""", "minAccountAgeDays" },
        { """{"name":"internal","userIds":[0]}""", "userIds" },
        { """{"name":"internal","userIds":[987654]}""", "userIds" },
        { """{"name":"internal","tiers":["pro"],"reason":"REASON"}""", "reason" },
        { """{"name":"internal","tiers":["pro"],"description":"DESCRIPTION"}""", "description" },
    };

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task A_bad_create_is_a_400_naming_the_field_and_writes_nothing(string body, string field)
    {
        var admin = await AdminAsync();
        body = body.Replace("REASON", new string('r', 501), StringComparison.Ordinal)
            .Replace("DESCRIPTION", new string('d', 1001), StringComparison.Ordinal);

        var problem = await AssertProblem(await admin.PostAsync(Segments, new StringContent(body, System.Text.Encoding.UTF8, "application/json")), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(0, await DbAsync(db => db.Segments.CountAsync()));
    }

    [Fact]
    public async Task Too_many_domains_a_taken_name_a_rename_and_an_empty_patch_are_refused()
    {
        var admin = await AdminAsync();
        var tooMany = Enumerable.Range(0, 51).Select(i => $"d{i}.example").ToArray();
        await AssertProblem(await admin.PostAsJsonAsync(Segments, new { name = "many", emailDomains = tooMany }), 400);
        var id = (await CreateInternalAsync(admin)).GetProperty("id").GetInt32();

        var taken = await AssertProblem(await admin.PostAsJsonAsync(Segments, new { name = "internal", tiers = new[] { "pro" } }), 409);
        Assert.Equal("SEGMENT_EXISTS", taken.GetProperty("code").GetString());
        var rename = await AssertProblem(await admin.PatchAsJsonAsync($"{Segments}/{id}", new { name = "staff" }), 400);
        Assert.True(rename.GetProperty("errors").TryGetProperty("name", out _));
        await AssertProblem(await admin.PatchAsJsonAsync($"{Segments}/{id}", new { }), 400);
        await AssertProblem(await admin.PatchAsJsonAsync($"{Segments}/{id}", new { emailDomains = Array.Empty<string>() }), 400);
        await AssertProblem(await admin.PatchAsync($"{Segments}/{id}", new StringContent("{\"userIds\":\"x\"}", System.Text.Encoding.UTF8, "application/json")), 400);
        await AssertProblem(await admin.DeleteAsync($"{Segments}/{id}?reason={new string('r', 501)}"), 400);
        await AssertProblem(await admin.DeleteAsync($"{Segments}/999999"), 404);
        await AssertProblem(await admin.GetAsync($"{Segments}/999999/history"), 404);
        Assert.Single((await OkJson(admin.GetAsync($"{Segments}/{id}/history"))).EnumerateArray());
    }

    [Fact]
    public async Task A_flag_or_a_phase_can_target_only_segments_that_exist()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);

        var onFlag = await AssertProblem(await admin.PatchAsJsonAsync($"{Api}/{Flag}", new { segments = new[] { "nobody" } }), 400);
        var onPhase = await AssertProblem(await admin.PatchAsJsonAsync($"{Api}/{Flag}", new { rolloutPlan = InternalPlan("nobody") }), 400);
        var tooMany = await AssertProblem(await admin.PatchAsJsonAsync($"{Api}/{Flag}",
            new { segments = Enumerable.Range(0, 11).Select(i => $"s{i}").ToArray() }), 400);

        Assert.Contains("'nobody'", onFlag.GetProperty("errors").GetProperty("segments")[0].GetString());
        Assert.True(onPhase.GetProperty("errors").TryGetProperty("rolloutPlan", out _));
        Assert.True(tooMany.GetProperty("errors").TryGetProperty("segments", out _));
        Assert.Empty(Strings(await GetFlagAsync(admin), "segments"));
    }

    [Fact]
    public async Task A_phase_gets_its_segments_by_its_own_route_the_rest_of_the_plan_stays_and_the_timeline_shows_them()
    {
        var admin = await AdminAsync();
        var staff = await Server.CreateUserAsync("ana@unbuilt.io");
        await CreateInternalAsync(admin);
        await InitAsync(admin);
        var before = await StepsAsync(admin);

        var flag = await OkJson(admin.PutAsJsonAsync($"{Api}/{Flag}/phases/Internal/segments",
            new { segments = new[] { "internal" }, reason = "staff first" }));

        Assert.Equal(JsonValueKind.Array, flag.GetProperty("rolloutPlan").ValueKind); // the default plan became the flag's own
        Assert.Empty(Strings(flag, "segments")); // the flag itself changes at the phase's next deploy
        var after = await StepsAsync(admin);
        Assert.Equal(before.Select(Shape), after.Select(Shape));
        Assert.All(after, s => Assert.Equal(s.GetProperty("phase").GetString() == "internal" ? ["internal"] : [], Strings(s, "segments")));
        var change = (await OkJson(admin.GetAsync($"{Api}/{Flag}/history"))).EnumerateArray().First();
        Assert.Equal(("update", "staff first"), (change.GetProperty("action").GetString(), change.GetProperty("reason").GetString()));
        Assert.Contains(change.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "rolloutPlan");

        Assert.Equal(["internal"], Strings(await DeployAsync(admin, "internal"), "segments"));
        Assert.True(await SeesAsync(staff));

        await OkJson(admin.PutAsJsonAsync($"{Api}/{Flag}/phases/internal/segments", new { segments = Array.Empty<string>() }));
        Assert.All(await StepsAsync(admin), s => Assert.Empty(Strings(s, "segments")));

        static string Shape(JsonElement step) => string.Join('|', step.GetProperty("phase").GetString(), step.GetProperty("enabled"),
            step.GetProperty("rolloutPercentage"), step.GetProperty("plannedDurationSeconds"), step.GetProperty("allowedTiers").GetRawText());
    }

    [Theory]
    [InlineData("/phases/internal/segments", """{"segments":["nobody"]}""", 400, "segments")]
    [InlineData("/phases/internal/segments", """{"reason":"no list"}""", 400, "segments")]
    [InlineData("/phases/internal/segments", """{"segments":["internal"],"reason":"RREASON"}""", 400, "reason")]
    [InlineData("/phases/nowhere/segments", """{"segments":["internal"]}""", 404, null)]
    public async Task A_bad_phase_segments_request_is_refused_and_changes_nothing(string path, string body, int status, string? field)
    {
        var admin = await AdminAsync();
        await CreateInternalAsync(admin);
        await InitAsync(admin);
        var before = (await GetFlagAsync(admin)).GetRawText();

        var problem = await AssertProblem(await admin.PutAsync($"{Api}/{Flag}{path}",
            new StringContent(body.Replace("RREASON", new string('r', 2001), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json")), status);

        if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        else Assert.Contains("init, internal", problem.GetProperty("detail").GetString()); // it names the phases there are
        Assert.Equal(before, (await GetFlagAsync(admin)).GetRawText());
        await AssertProblem(await admin.PutAsJsonAsync($"{Api}/no_such_flag/phases/internal/segments", new { segments = new[] { "internal" } }), 404);
    }

    private async Task<List<JsonElement>> StepsAsync(HttpClient admin) =>
        [.. (await OkJson(admin.GetAsync($"{Api}/{Flag}/schedule"))).GetProperty("steps").EnumerateArray()];

    [Fact]
    public async Task Account_age_counts_from_the_accounts_creation_on_every_request()
    {
        var admin = await AdminAsync();
        var user = await Server.CreateUserAsync("new@example.com");
        await CreateAsync(admin, new { name = "settled", minAccountAgeDays = 30 });
        await InitAsync(admin);
        await OkJson(admin.PatchAsJsonAsync($"{Api}/{Flag}", new { enabled = true, segments = new[] { "settled" } }));
        Assert.False(await SeesAsync(user));

        await DbAsync(db => db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, DateTime.UtcNow.AddDays(-31))));

        Assert.True(await SeesAsync(user));
        var explained = await OkJson(admin.GetAsync($"{Api}/{Flag}/evaluate?userId={user.Id}"));
        Assert.Equal("segment settled (account at least 30 days old)", explained.GetProperty("explanation").GetString());
    }

    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "" }, { "POST", "" }, { "PATCH", "/{id}" }, { "DELETE", "/{id}" }, { "GET", "/{id}/history" },
    };

    private static HttpRequestMessage Request(string method, string path, int id)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), Segments + path.Replace("{id}", id.ToString(), StringComparison.Ordinal));
        if (method is "POST" or "PATCH")
            request.Content = JsonContent.Create(new { name = "mine", emailDomains = new[] { "evil.example" }, description = "taken over" });
        return request;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_non_admin_gets_403_and_a_caller_signed_out_401_and_nothing_changes(string method, string path)
    {
        var admin = await AdminAsync();
        var id = (await CreateInternalAsync(admin)).GetProperty("id").GetInt32();
        var pro = await Server.CreateUserAsync("pro@unbuilt.io", Tier.Pro);
        var before = (await OkJson(admin.GetAsync(Segments))).GetRawText();

        await AssertProblem(await Server.Client(pro).SendAsync(Request(method, path, id)), 403);
        await AssertProblem(await Server.Client().SendAsync(Request(method, path, id)), 401);

        Assert.Equal(before, (await OkJson(admin.GetAsync(Segments))).GetRawText());
        Assert.Single((await OkJson(admin.GetAsync($"{Segments}/{id}/history"))).EnumerateArray());
    }
}

using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace Unbuilt.Tests.Flags;

/// Every change leaves a feature_flag_changes row (who, what, why, before, after) and a security audit row.
public sealed class HistoryTests(UnbuiltServer server) : FlagTest(server)
{
    [Fact]
    public async Task History_lists_every_change_newest_first_with_actor_reason_before_and_after()
    {
        var admin = await AdminAsync();
        var tester = await Server.CreateUserAsync("tester@example.com");
        await InitAsync(admin);
        await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = tester.Id, reason = "internal tester" }));
        await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/deploy", new { phase = "beta", reason = "internal looked fine" }));
        await OkJson(admin.PatchAsJsonAsync($"{Api}/{Flag}/rollout", new { percentage = 5, reason = "error spike" }));
        await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/rollback", new { reason = "still failing" }));
        await OkJson(admin.DeleteAsync($"{Api}/{Flag}/users/{tester.Id}?reason=left%20the%20team"));

        var history = (await OkJson(admin.GetAsync($"{Api}/{Flag}/history"))).EnumerateArray().ToList();

        Assert.Equal(["remove_user", "rollback", "rollout", "deploy", "add_user", "init"],
            history.Select(c => c.GetProperty("action").GetString()));
        Assert.All(history, c => Assert.Equal("root@example.com", c.GetProperty("actor").GetString()));
        Assert.Equal(["left the team", "still failing", "error spike", "deploy beta: internal looked fine", "internal tester"],
            history.Take(5).Select(c => c.GetProperty("reason").GetString()));
        var rollout = history[2];
        Assert.Equal(10, rollout.GetProperty("before").GetProperty("rolloutPercentage").GetInt32());
        Assert.Equal(5, rollout.GetProperty("after").GetProperty("rolloutPercentage").GetInt32());
        Assert.Equal("beta", rollout.GetProperty("before").GetProperty("phase").GetString());
        Assert.Equal(JsonNull, history[^1].GetProperty("before").ValueKind);
        Assert.True(history.Zip(history.Skip(1)).All(p => p.First.GetProperty("createdAt").GetDateTime() >= p.Second.GetProperty("createdAt").GetDateTime()));
    }

    [Fact]
    public async Task Each_change_writes_a_security_audit_row_with_the_actor()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await DeployAsync(admin, "internal");
        await OkJson(admin.PostAsync($"{Api}/{Flag}/rollback", null));

        var rows = await DbAsync(db => db.SecurityAuditLogs.Where(l => l.Action.StartsWith("feature_flag.")).OrderBy(l => l.Id).ToListAsync());

        Assert.Equal(["feature_flag.init", "feature_flag.deploy", "feature_flag.rollback"], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal((Flag, "info", true), (r.ResourceId, r.Severity, r.Success)));
        Assert.All(rows, r => Assert.Contains("root@example.com", r.Details));
        var admins = await DbAsync(db => db.Users.Where(u => u.Email == "root@example.com").Select(u => u.Id).SingleAsync());
        Assert.All(rows, r => Assert.Equal(admins, r.UserId));
    }

    [Fact]
    public async Task A_client_that_names_itself_is_named_in_history()
    {
        var admin = await AdminAsync();
        admin.DefaultRequestHeaders.Add("X-Unbuilt-Client", "cli");

        await InitAsync(admin);

        var history = await OkJson(admin.GetAsync($"{Api}/{Flag}/history"));
        Assert.Equal("root@example.com (cli)", history[0].GetProperty("actor").GetString());
        Assert.True(history[0].GetProperty("actorUserId").GetInt32() > 0);
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;
}

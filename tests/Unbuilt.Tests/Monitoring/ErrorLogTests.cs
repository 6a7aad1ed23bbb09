using System.Text.Json;
using Unbuilt.Monitoring;
using Unbuilt.Rollout;

namespace Unbuilt.Tests.Monitoring;

/// GET /api/performance/errors: the error rows of a feature's operations, newest first, with who, when and why.
public sealed class ErrorLogTests(MonitoringServer server) : MonitoringTest<MonitoringServer>(server)
{
    [Fact]
    public async Task A_features_errors_are_listed_with_operation_user_request_and_message()
    {
        var (admin, beta) = await FeatureOnAsync();
        var client = Server.Client(beta);
        await AssertProblem(await client.GetAsync($"{MonitoringServer.Routes}/export"), 500);
        await AssertProblem(await client.GetAsync($"{MonitoringServer.Routes}/export"), 500);
        Assert.True((await client.GetAsync($"{MonitoringServer.Routes}/plan")).IsSuccessStatusCode);

        var answer = await OkJson(admin.GetAsync($"{Performance}/errors?feature={Flag}&since=15m"));

        Assert.Equal(2, answer.GetProperty("total").GetInt32());
        var errors = answer.GetProperty("errors").EnumerateArray().ToList();
        Assert.All(errors, e =>
        {
            Assert.Equal(("export_generated", "action_plan.export", 500), (e.GetProperty("operation").GetString(),
                e.GetProperty("action").GetString(), e.GetProperty("status").GetInt32()));
            Assert.Equal(beta.Id, e.GetProperty("userId").GetInt32());
            Assert.Equal("InvalidOperationException: the export broke", e.GetProperty("message").GetString());
            Assert.False(string.IsNullOrEmpty(e.GetProperty("requestId").GetString()));
        });
        Assert.True(errors[0].GetProperty("id").GetInt64() > errors[1].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Other_features_and_older_errors_are_left_out()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await InitAsync(admin, "other_feature");
        await DbAsync(async db =>
        {
            db.SecurityAuditLogs.AddRange(
                new() { Action = "action_plan.task_update", Severity = "error", Timestamp = Now.AddHours(-2) },
                new() { Action = "search.run", Severity = "error", Timestamp = Now.AddMinutes(-1) });
            return await db.SaveChangesAsync();
        });

        Assert.Equal(0, (await OkJson(admin.GetAsync($"{Performance}/errors?feature={Flag}"))).GetProperty("total").GetInt32());
        Assert.Equal(1, (await OkJson(admin.GetAsync($"{Performance}/errors?feature={Flag}&since=3h"))).GetProperty("total").GetInt32());
        Assert.Equal(0, (await OkJson(admin.GetAsync($"{Performance}/errors?feature=other_feature&since=3h"))).GetProperty("total").GetInt32());
        Assert.Equal(2, (await OkJson(admin.GetAsync($"{Performance}/errors?since=3h"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task With_client_true_the_client_errors_are_listed_instead_and_the_guards_warnings_are_not()
    {
        var (admin, beta) = await FeatureOnAsync();
        var outsider = await Server.CreateUserAsync("outsider@example.com");
        await AssertProblem(await Server.Client(beta).GetAsync($"{MonitoringServer.Routes}/export"), 500);
        await AssertProblem(await Server.Client(outsider).GetAsync($"{MonitoringServer.Routes}/plan"), 404);
        await DbAsync(async db =>
        {
            db.SecurityAuditLogs.AddRange(
                new() { Action = "action_plan.task_update", Severity = "info", Success = false, Timestamp = Now.AddMinutes(-2),
                    Details = """{"status":409,"method":"PATCH","requestId":"r1","error":null}""" },
                new() { Action = GuardResponder.AuditAction, Severity = "warning", Timestamp = Now.AddMinutes(-1) });
            return await db.SaveChangesAsync();
        });

        var client = await OkJson(admin.GetAsync($"{Performance}/errors?feature={Flag}&client=true"));
        var server = await OkJson(admin.GetAsync($"{Performance}/errors?feature={Flag}"));

        Assert.Equal(("client", 2), (client.GetProperty("kind").GetString(), client.GetProperty("total").GetInt32()));
        Assert.Equal([(404, "plan_loaded", (int?)outsider.Id), (409, "task_updated", null)],
            client.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("status").GetInt32(),
                e.GetProperty("operation").GetString(), e.GetProperty("userId").ValueKind == JsonValueKind.Null ? null : (int?)e.GetProperty("userId").GetInt32())));
        Assert.Equal("HTTP 404", client.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(("server", 1, 500), (server.GetProperty("kind").GetString(), server.GetProperty("total").GetInt32(),
            server.GetProperty("errors")[0].GetProperty("status").GetInt32()));
        var all = await OkJson(admin.GetAsync($"{Performance}/errors?client=true"));
        Assert.DoesNotContain(all.GetProperty("errors").EnumerateArray(), e => e.GetProperty("action").GetString() == GuardResponder.AuditAction);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_that_says_what_to_send()
    {
        var admin = await AdminAsync();

        var since = await AssertProblem(await admin.GetAsync($"{Performance}/errors?since=yesterday"), 400);
        Assert.Contains("15m, 1h, 24h", since.GetProperty("errors").GetProperty("since")[0].GetString());
        await AssertProblem(await admin.GetAsync($"{Performance}/errors?limit=0"), 400);
        await AssertProblem(await admin.GetAsync($"{Performance}/errors?client=yes"), 400);
        await AssertProblem(await admin.GetAsync($"{Performance}/errors?since=31d"), 400);
        var unknown = await AssertProblem(await admin.GetAsync($"{Performance}/errors?feature=no_such_flag"), 404);
        Assert.Contains("no_such_flag", unknown.GetProperty("detail").GetString());
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;
using Unbuilt.Monitoring;
using Unbuilt.Tests.Plans;

namespace Unbuilt.Tests.Api;

/// Every route in the OpenAPI document, as an anonymous caller, a stranger and a member, with malformed, deep,
/// oversized and mistyped bodies, control characters, overflowing and missing ids and wrong content types: no 5xx,
/// no .NET names in any answer, nothing changed, and the server error rate in the metrics stays 0.
public sealed partial class HostileInputSweepTests(UnbuiltServer server) : PlanTest(server)
{
    [GeneratedRegex(@"\b(System|Microsoft|Npgsql|Unbuilt)\.[A-Z]|\bat [\w.]+\(|Exception\b")]
    private static partial Regex Internals();

    [Fact]
    public async Task No_route_answers_a_hostile_request_with_a_5xx_or_a_change()
    {
        var member = await TestUserAsync("member@example.com");
        var stranger = await TestUserAsync("stranger@example.com");
        var admin = Server.Client(await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin));
        var memberClient = Server.Client(member);
        var plan = await CreatePlanAsync(memberClient);
        var tasks = Tasks(plan);
        await OkJson(memberClient.PostAsJsonAsync($"/api/tasks/{Id(tasks[1])}/dependencies", new { prerequisiteTaskId = Id(tasks[0]) }));
        var tokens = await OkJson(memberClient.GetAsync("/api/me/tokens"));
        var invitation = await OkJson(memberClient.PostAsJsonAsync($"/api/plans/{Id(plan)}/invitations", new { role = "viewer" }));
        // A real invitation's id, but not its token: anyone signed in may accept a real one, so no request with it is invalid.
        var ids = new Dictionary<string, string>
        {
            ["planId"] = Id(plan).ToString(), ["taskId"] = Id(tasks[1]).ToString(), ["prerequisiteTaskId"] = Id(tasks[0]).ToString(),
            ["userId"] = member.Id.ToString(), ["id"] = tokens[0].GetProperty("id").GetInt32().ToString(),
            ["searchId"] = plan.GetProperty("searchId").GetInt32().ToString(), ["name"] = Flag,
            ["invitationId"] = Id(invitation).ToString(),
        };
        var document = await OkJson(Server.Client().GetAsync("/openapi/v1.json"));
        var before = await SnapshotAsync();

        var callers = new (string Name, HttpClient Client, bool Outsider)[]
        {
            ("anonymous", Server.Client(), true), ("stranger", Server.Client(stranger), true), ("member", memberClient, false),
        };
        var failures = new List<string>();
        var sent = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
                foreach (var (name, client, outsider) in callers)
                    foreach (var request in SweepRequests.For(operation.Name, path.Name, operation.Value,
                                 document.GetProperty("components"), ids, outsider))
                    {
                        using var message = new HttpRequestMessage(request.Method, request.Url) { Content = request.Body };
                        // A server that refuses a body unread answers before the client has sent it, not into a broken pipe.
                        message.Headers.ExpectContinue = request.Body is not null;
                        using var response = await client.SendAsync(message);
                        var text = await response.Content.ReadAsStringAsync();
                        sent++;
                        var where = $"{name} {request.Method} {path.Name} [{request.Label}] → {(int)response.StatusCode}";
                        if ((int)response.StatusCode >= 500) failures.Add($"{where}: {text}");
                        else if (Internals().IsMatch(text)) failures.Add($"{where} names internals: {text}");
                    }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests failed:\n{string.Join("\n", failures.Take(30))}");
        Assert.Equal(before, await SnapshotAsync());
        await Server.Services.GetRequiredService<TelemetryWriter>().FlushAsync();
        Assert.Equal(0, await DbAsync(db => db.AnalyticsEvents.CountAsync(e => e.StatusCode >= 500)));
        Assert.True(await DbAsync(db => db.AnalyticsEvents.CountAsync(e => e.StatusCode >= 400 && e.StatusCode < 500)) > 500);
        var metrics = await OkJson(admin.GetAsync("/api/performance/metrics?window=1h"));
        Assert.All(metrics.GetProperty("operations").EnumerateArray(), o => Assert.Equal(0, o.GetProperty("errors").GetInt32()));
        Assert.Empty(metrics.GetProperty("alerts").EnumerateArray());
    }

    /// What a request could have changed: every table's row count but telemetry's, each plan's version, each flag's
    /// state, each user's tier and role, each token's revocation, and each invitation's acceptance and revocation.
    private Task<string> SnapshotAsync() => DbAsync(async db =>
    {
        var counts = new List<string>();
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()!).Distinct().Order())
        {
            if (table is "analytics_events" or "security_audit_logs" or "data_protection_keys") continue;
            counts.Add($"{table}={await CountAsync(db, table)}");
        }
        var plans = await db.ActionPlans.OrderBy(p => p.Id).Select(p => new { p.Id, p.Version, p.Title }).ToListAsync();
        var flags = await db.FeatureFlags.OrderBy(f => f.Id).Select(f => new { f.Name, f.Enabled, f.RolloutPercentage, f.UpdatedAt }).ToListAsync();
        var users = await db.Users.OrderBy(u => u.Id).Select(u => new { u.Id, u.Tier, u.Role }).ToListAsync();
        var tokens = await db.ApiTokens.OrderBy(t => t.Id).Select(t => new { t.Id, t.RevokedAt }).ToListAsync();
        var invitations = await db.PlanInvitations.OrderBy(i => i.Id).Select(i => new { i.Id, i.AcceptedAt, i.RevokedAt }).ToListAsync();
        return JsonSerializer.Serialize(new { counts, plans, flags, users, tokens, invitations });
    });

#pragma warning disable EF1002 // table names come from the model
    private static async Task<int> CountAsync(UnbuiltDbContext db, string table) =>
        await db.Database.SqlQueryRaw<int>($"SELECT COUNT(*) AS \"Value\" FROM \"{table}\"").SingleAsync();
#pragma warning restore EF1002
}

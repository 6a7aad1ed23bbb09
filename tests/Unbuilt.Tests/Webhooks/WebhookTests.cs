using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Data.Accounts;
using Unbuilt.Monitoring;
using Unbuilt.Webhooks;

namespace Unbuilt.Tests.Webhooks;

public sealed class WebhookTests(WebhookServer server) : IntegrationTest<WebhookServer>(server)
{
    private const string Api = "/api/webhooks";
    private const string Secret = "a-long-enough-shared-secret";
    private static readonly TimeSpan BoundedWait = TimeSpan.FromSeconds(20);

    private async Task<HttpClient> AdminAsync() =>
        Server.Client(await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin));

    private static Task<JsonElement> AddAsync(HttpClient admin, object webhook) => OkJson(admin.PostAsJsonAsync(Api, webhook));

    private void Publish(OperatorEvent operatorEvent) => Server.Services.GetRequiredService<IOperatorEvents>().Publish(operatorEvent);

    private static Alert ErrorRate => new("error_rate", "task_updated", 15, 10, "%", "task_updated error rate 15% > 10% (3 of 20 requests failed)");

    private static Task<JsonElement> DeliveriesAsync(HttpClient admin, int id) => OkJson(admin.GetAsync($"{Api}/{id}/deliveries"));

    /// Polls the delivery log until the condition holds (the dispatcher works in the background), moving the
    /// webhooks' clock by `advance` each time round, so a delivery waiting out its backoff comes due.
    private async Task<JsonElement> DeliveriesWhenAsync(HttpClient admin, int id, Func<List<JsonElement>, bool> done,
        TimeSpan? advance = null)
    {
        var deadline = DateTime.UtcNow + BoundedWait;
        while (true)
        {
            var log = await DeliveriesAsync(admin, id);
            if (done([.. log.GetProperty("deliveries").EnumerateArray()])) return log;
            Assert.True(DateTime.UtcNow < deadline, $"The delivery log did not get there within the bounded wait: {log}");
            if (advance is { } by) Server.Clock.Advance(by);
            await Task.Delay(50);
        }
    }

    private static string Sign(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    [Fact]
    public async Task A_committed_flag_change_reaches_a_generic_webhook_signed_with_its_secret()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var admin = await AdminAsync();
        var webhook = await AddAsync(admin, new { url = receiver.Url, events = new[] { "flag.changed" }, secret = Secret });

        await OkJson(admin.PostAsJsonAsync("/api/feature-flags",
            new { name = "search_v2", enabled = true, rolloutPercentage = 10, reason = "try it on a tenth" }));
        var request = await receiver.NextAsync();

        Assert.Equal(Sign(request.Body, Secret), request.Header("X-Unbuilt-Signature"));
        Assert.NotEqual(Sign(request.Body, "another-secret-of-enough-length"), request.Header("X-Unbuilt-Signature"));
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        var body = request.Json;
        Assert.Equal("flag.changed", body.GetProperty("type").GetString());
        Assert.Equal("flag.changed", request.Header("X-Unbuilt-Event"));
        Assert.Equal(body.GetProperty("id").GetString(), request.Header("X-Unbuilt-Event-Id"));
        var data = body.GetProperty("data");
        Assert.Equal("search_v2", data.GetProperty("flag").GetString());
        Assert.Equal("create", data.GetProperty("action").GetString());
        Assert.Equal("root@example.com", data.GetProperty("actor").GetString());
        Assert.Equal("try it on a tenth", data.GetProperty("reason").GetString());
        Assert.Equal(10, data.GetProperty("after").GetProperty("rolloutPercentage").GetInt32());

        var log = await DeliveriesWhenAsync(admin, webhook.GetProperty("id").GetInt32(),
            d => d.Count == 1 && d[0].GetProperty("status").GetString() == "delivered");
        var delivery = log.GetProperty("deliveries")[0];
        Assert.Equal(("flag.changed", 200, 1), (delivery.GetProperty("event").GetString(), delivery.GetProperty("statusCode").GetInt32(),
            delivery.GetProperty("attempts").GetInt32()));
        Assert.Equal(body.GetProperty("id").GetString(), delivery.GetProperty("eventId").GetString());
    }

    [Fact]
    public async Task The_secret_and_routing_key_are_never_sent_back_and_create_and_delete_are_audited()
    {
        var admin = await AdminAsync();
        var created = await AddAsync(admin, new { url = "https://hooks.example.com/a", events = new[] { "guard.acted" }, secret = Secret });
        await AddAsync(admin, new { url = "https://events.pagerduty.com/v2/enqueue", events = new[] { "alert.raised" },
            format = "pagerduty", routingKey = "R0UT1NGKEY" });

        var text = await admin.GetStringAsync(Api);
        Assert.DoesNotContain(Secret, text);
        Assert.DoesNotContain("R0UT1NGKEY", text);
        var list = JsonDocument.Parse(text).RootElement;
        Assert.Equal([true, false], list.EnumerateArray().Select(w => w.GetProperty("hasSecret").GetBoolean()));
        Assert.Equal([false, true], list.EnumerateArray().Select(w => w.GetProperty("hasRoutingKey").GetBoolean()));
        Assert.False(created.TryGetProperty("secret", out _));
        var stored = await DbAsync(db => db.Webhooks.AsNoTracking().OrderBy(w => w.Id).ToListAsync());
        Assert.DoesNotContain(Secret, stored[0].ProtectedSecret);
        Assert.DoesNotContain("R0UT1NGKEY", stored[1].ProtectedRoutingKey);

        var id = created.GetProperty("id").GetInt32();
        Assert.Equal(204, (int)(await admin.DeleteAsync($"{Api}/{id}")).StatusCode);
        await AssertProblem(await admin.DeleteAsync($"{Api}/{id}"), 404);
        await AssertProblem(await admin.GetAsync($"{Api}/{id}/deliveries"), 404);
        var audit = await DbAsync(db => db.SecurityAuditLogs.AsNoTracking().Where(a => a.Resource == "webhook")
            .OrderBy(a => a.Id).Select(a => new { a.Action, a.ResourceId, a.Details }).ToListAsync());
        Assert.Equal(["webhook.created", "webhook.created", "webhook.deleted"], audit.Select(a => a.Action));
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), audit[2].ResourceId);
        Assert.All(audit, a => Assert.DoesNotContain(Secret, a.Details));
    }

    [Fact]
    public async Task Only_admins_may_see_or_change_webhooks()
    {
        var user = Server.Client(await Server.CreateUserAsync("member@example.com"));
        var anonymous = Server.Client();
        object webhook = new { url = "https://hooks.example.com/a", events = new[] { "alert.raised" } };

        await AssertProblem(await user.GetAsync(Api), 403);
        await AssertProblem(await user.PostAsJsonAsync(Api, webhook), 403);
        await AssertProblem(await user.DeleteAsync($"{Api}/1"), 403);
        await AssertProblem(await user.GetAsync($"{Api}/1/deliveries"), 403);
        await AssertProblem(await user.PostAsync($"{Api}/1/test", null), 403);
        await AssertProblem(await anonymous.GetAsync(Api), 401);
        await AssertProblem(await anonymous.PostAsJsonAsync(Api, webhook), 401);
        Assert.Equal(0, await DbAsync(db => db.Webhooks.CountAsync()));
    }

    [Theory]
    [InlineData("""{"url":"ftp://files.example.com/x","events":["alert.raised"]}""", "url")]
    [InlineData("""{"url":"/relative/hook","events":["alert.raised"]}""", "url")]
    [InlineData("""{"url":"https://user:pw@hooks.example.com/","events":["alert.raised"]}""", "url")]
    [InlineData("""{"events":["alert.raised"]}""", "url")]
    [InlineData("""{"url":"https://hooks.example.com/","events":[]}""", "events")]
    [InlineData("""{"url":"https://hooks.example.com/","events":["alert.exploded"]}""", "events")]
    [InlineData("""{"url":"https://hooks.example.com/","events":["alert.raised"],"format":"teams"}""", "format")]
    [InlineData("""{"url":"https://hooks.example.com/","events":["alert.raised"],"format":"pagerduty"}""", "routingKey")]
    [InlineData("""{"url":"https://hooks.example.com/","events":["flag.changed"],"format":"pagerduty","routingKey":"k"}""", "events")]
    [InlineData("""{"url":"https://hooks.example.com/","events":["alert.raised"],"routingKey":"k"}""", "routingKey")]
    [InlineData("""{"url":"https://hooks.example.com/","events":["alert.raised"],"secret":"short"}""", "secret")]
    public async Task A_webhook_that_cannot_work_is_refused_with_the_field_named(string json, string field)
    {
        var admin = await AdminAsync();
        var problem = await AssertProblem(await admin.PostAsync(Api, new StringContent(json, Encoding.UTF8, "application/json")), 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await DbAsync(db => db.Webhooks.CountAsync()));
    }

    [Fact]
    public async Task Slack_gets_a_message_a_person_can_read()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var admin = await AdminAsync();
        await AddAsync(admin, new { url = receiver.Url, events = new[] { "alert.raised" }, format = "slack" });

        Publish(OperatorEvent.AlertRaised(ErrorRate, DateTimeOffset.UtcNow));
        var body = (await receiver.NextAsync()).Json;

        Assert.Contains("task_updated error rate 15% &gt; 10%", body.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString());
        Assert.Equal("Alert: task_updated error rate 15% > 10% (3 of 20 requests failed)", body.GetProperty("text").GetString());
        Assert.StartsWith(":rotating_light: *Alert raised*", body.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString());
        Assert.All(body.GetProperty("blocks").EnumerateArray(), b => Assert.Contains(b.GetProperty("type").GetString(), new[] { "section", "context" }));
    }

    [Fact]
    public async Task PagerDuty_triggers_on_an_alert_and_its_end_resolves_the_same_incident()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var admin = await AdminAsync();
        await AddAsync(admin, new { url = receiver.Url, events = new[] { "alert.raised", "alert.resolved", "guard.acted" },
            format = "pagerduty", routingKey = "R0UT1NGKEY" });

        Publish(OperatorEvent.AlertRaised(ErrorRate, DateTimeOffset.UtcNow));
        Publish(OperatorEvent.AlertResolved(ErrorRate, DateTimeOffset.UtcNow));
        Publish(OperatorEvent.GuardActed("search_v2", "rollback", "Rollout guard: search_v2 rolled back: error rate 100% > 1%",
            ["error rate 100% > 1%"], DateTimeOffset.UtcNow));
        var trigger = (await receiver.NextAsync()).Json;
        var resolve = (await receiver.NextAsync()).Json;
        var guard = (await receiver.NextAsync()).Json;

        Assert.Equal(("R0UT1NGKEY", "trigger"), (trigger.GetProperty("routing_key").GetString(), trigger.GetProperty("event_action").GetString()));
        var payload = trigger.GetProperty("payload");
        Assert.Equal("Alert: task_updated error rate 15% > 10% (3 of 20 requests failed)", payload.GetProperty("summary").GetString());
        Assert.Equal(("unbuilt-test", "error"), (payload.GetProperty("source").GetString(), payload.GetProperty("severity").GetString()));
        Assert.Equal("resolve", resolve.GetProperty("event_action").GetString());
        Assert.Equal("unbuilt:alert:error_rate:task_updated", trigger.GetProperty("dedup_key").GetString());
        Assert.Equal(trigger.GetProperty("dedup_key").GetString(), resolve.GetProperty("dedup_key").GetString());
        Assert.Equal("trigger", guard.GetProperty("event_action").GetString());
        Assert.Equal("critical", guard.GetProperty("payload").GetProperty("severity").GetString());
        Assert.NotEqual(trigger.GetProperty("dedup_key").GetString(), guard.GetProperty("dedup_key").GetString());
    }

    [Fact]
    public async Task A_500_is_retried_after_the_backoff_and_the_log_shows_both_attempts()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Answer(500);
        var admin = await AdminAsync();
        var id = (await AddAsync(admin, new { url = receiver.Url, events = new[] { "alert.raised" }, secret = Secret })).GetProperty("id").GetInt32();

        var test = await OkJson(admin.PostAsync($"{Api}/{id}/test", null));
        var first = await receiver.NextAsync();
        var waiting = await DeliveriesWhenAsync(admin, id, d => d[0].GetProperty("attempts").GetInt32() == 1);
        var pending = waiting.GetProperty("deliveries")[0];
        Assert.Equal(("pending", 500), (pending.GetProperty("status").GetString(), pending.GetProperty("statusCode").GetInt32()));
        Assert.StartsWith("HTTP 500", pending.GetProperty("error").GetString());
        Assert.True(pending.GetProperty("nextAttemptAt").GetDateTime() > pending.GetProperty("lastAttemptAt").GetDateTime());
        Assert.False(receiver.TryNext(out _)); // nothing more until the backoff has passed on the webhooks' clock

        var log = await DeliveriesWhenAsync(admin, id, d => d[0].GetProperty("status").GetString() == "delivered",
            advance: TimeSpan.FromSeconds(10));
        var second = await receiver.NextAsync();

        var delivered = log.GetProperty("deliveries")[0];
        Assert.Equal((2, 200), (delivered.GetProperty("attempts").GetInt32(), delivered.GetProperty("statusCode").GetInt32()));
        Assert.Equal(test.GetProperty("id").GetInt64(), delivered.GetProperty("id").GetInt64());
        Assert.Equal(first.Header("X-Unbuilt-Event-Id"), second.Header("X-Unbuilt-Event-Id"));
        Assert.Equal(("1", "2"), (first.Header("X-Unbuilt-Attempt"), second.Header("X-Unbuilt-Attempt")));
        Assert.Equal("webhook.test", second.Json.GetProperty("type").GetString());
        Assert.Equal(Sign(second.Body, Secret), second.Header("X-Unbuilt-Signature"));
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_is_given_up_after_MaxAttempts_and_a_4xx_at_once()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Answer(503, 503, 503, 410);
        var admin = await AdminAsync();
        var id = (await AddAsync(admin, new { url = receiver.Url, events = new[] { "alert.raised" } })).GetProperty("id").GetInt32();

        await OkJson(admin.PostAsync($"{Api}/{id}/test", null));
        var log = await DeliveriesWhenAsync(admin, id, d => d[0].GetProperty("status").GetString() == "failed", advance: TimeSpan.FromSeconds(40));
        Assert.Equal(3, log.GetProperty("deliveries")[0].GetProperty("attempts").GetInt32()); // MaxAttempts=3 on this server

        await OkJson(admin.PostAsync($"{Api}/{id}/test", null));
        log = await DeliveriesWhenAsync(admin, id, d => d.Count == 2 && d[0].GetProperty("status").GetString() != "pending");
        var gone = log.GetProperty("deliveries")[0];
        Assert.Equal(("failed", 410, 1), (gone.GetProperty("status").GetString(), gone.GetProperty("statusCode").GetInt32(),
            gone.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task A_receiver_that_never_answers_delays_no_request_and_its_events_follow_in_order_once_it_does()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Hang = true;
        var admin = await AdminAsync();
        var id = (await AddAsync(admin, new { url = receiver.Url, events = new[] { "flag.changed" } })).GetProperty("id").GetInt32();

        await OkJson(admin.PostAsJsonAsync("/api/feature-flags", new { name = "search_v2", enabled = false }));
        var held = await receiver.NextAsync(); // the receiver holds this one unanswered from here on
        // While it holds it, more changes commit and answer: publishing only enqueues.
        await OkJson(admin.PatchAsJsonAsync("/api/feature-flags/search_v2", new { enabled = true }));
        await OkJson(admin.PatchAsJsonAsync("/api/feature-flags/search_v2/rollout", new { percentage = 50 }));
        var waiting = await DeliveriesWhenAsync(admin, id, d => d.Count == 3);
        Assert.All(waiting.GetProperty("deliveries").EnumerateArray(), d => Assert.Equal("pending", d.GetProperty("status").GetString()));
        Assert.False(receiver.TryNext(out _)); // one at a time per receiver: the others wait behind the one it holds

        receiver.Release();
        var next = await receiver.NextAsync();
        var last = await receiver.NextAsync();
        Assert.Equal(["create", "update", "rollout"],
            new[] { held, next, last }.Select(r => r.Json.GetProperty("data").GetProperty("action").GetString()));
        await DeliveriesWhenAsync(admin, id, d => d.All(x => x.GetProperty("status").GetString() == "delivered"));
    }

    [Fact]
    public async Task Pending_deliveries_in_the_database_are_sent_when_the_dispatcher_next_looks_as_after_a_restart()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var admin = await AdminAsync();
        var id = (await AddAsync(admin, new { url = receiver.Url, events = new[] { "alert.raised" } })).GetProperty("id").GetInt32();
        // A delivery a stopped node left pending (a restart cannot happen over HTTP): nothing rings the doorbell for it.
        var left = WebhookEvent.From(OperatorEvent.AlertRaised(ErrorRate, DateTimeOffset.UtcNow), Guid.NewGuid());
        await DbAsync(async db =>
        {
            db.WebhookDeliveries.Add(WebhookDispatcher.NewDelivery(id, left, left.ToJson(), Server.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });

        await DeliveriesWhenAsync(admin, id, d => d[0].GetProperty("status").GetString() == "delivered", advance: TimeSpan.FromMinutes(30));

        Assert.Equal(left.Id.ToString(), (await receiver.NextAsync()).Header("X-Unbuilt-Event-Id"));
    }

    [Fact]
    public async Task The_delivery_log_is_newest_first_in_pages()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var admin = await AdminAsync();
        var id = (await AddAsync(admin, new { url = receiver.Url, events = new[] { "alert.raised" } })).GetProperty("id").GetInt32();
        for (var i = 0; i < 3; i++) await OkJson(admin.PostAsync($"{Api}/{id}/test", null));

        var page = await OkJson(admin.GetAsync($"{Api}/{id}/deliveries?limit=2"));
        var ids = page.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(2, ids.Count);
        Assert.True(ids[0] > ids[1]);
        var rest = await OkJson(admin.GetAsync($"{Api}/{id}/deliveries?limit=2&before={page.GetProperty("nextBefore").GetInt64()}"));
        Assert.Single(rest.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("nextBefore").ValueKind);
        await AssertProblem(await admin.GetAsync($"{Api}/{id}/deliveries?limit=0"), 400);
        await AssertProblem(await admin.GetAsync($"{Api}/{id}/deliveries?limit=abc"), 400);
    }
}

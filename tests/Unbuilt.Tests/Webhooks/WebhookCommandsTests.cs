using System.Text.Json;
using Unbuilt.Data.Accounts;
using Unbuilt.Tests.Cli;

namespace Unbuilt.Tests.Webhooks;

/// `unbuilt webhooks …` against a real server, with a receiver inside the test.
[Collection(nameof(CliCollection))]
public sealed class WebhookCommandsTests(WebhookServer server) : IntegrationTest<WebhookServer>(server)
{
    private string adminToken = "";

    private Task<CliRunner.Result> Webhooks(params string[] args) =>
        CliRunner.RunAsync(["webhooks", .. args, "--url", Server.BaseAddress.ToString(), "--token", adminToken]);

    [Fact]
    public async Task Add_list_test_deliveries_and_remove_as_an_operator_types_them()
    {
        adminToken = (await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin)).Token;
        await using var receiver = await TestReceiver.StartAsync();

        var added = await Webhooks("add", receiver.Url.ToString(), "--events", "alert.raised,alert.resolved", "guard.acted",
            "--secret", "a-long-enough-shared-secret", "--json");
        Assert.Equal(0, added.Exit);
        var webhook = JsonDocument.Parse(added.Out).RootElement;
        var id = webhook.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(["alert.raised", "alert.resolved", "guard.acted"], webhook.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.True(webhook.GetProperty("hasSecret").GetBoolean());

        var list = await Webhooks("list");
        Assert.Equal(0, list.Exit);
        Assert.Contains("generic", list.Out);
        Assert.DoesNotContain("a-long-enough-shared-secret", list.Out);

        var test = await Webhooks("test", id);
        Assert.Equal(0, test.Exit);
        Assert.Contains($"Test event queued for webhook {id}", test.Out);
        Assert.Equal("webhook.test", (await receiver.NextAsync()).Json.GetProperty("type").GetString());

        var deliveries = await Webhooks("deliveries", id, "--json");
        Assert.Equal(0, deliveries.Exit);
        Assert.Equal("webhook.test", JsonDocument.Parse(deliveries.Out).RootElement.GetProperty("deliveries")[0].GetProperty("event").GetString());

        Assert.Equal(0, (await Webhooks("remove", id)).Exit);
        var again = await Webhooks("remove", id);
        Assert.Equal(1, again.Exit);
        Assert.Contains("404", again.Error);
    }

    [Fact]
    public async Task A_bad_webhook_is_refused_with_the_servers_reason()
    {
        adminToken = (await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin)).Token;

        var refused = await Webhooks("add", "https://events.pagerduty.com/v2/enqueue", "--events", "alert.raised", "--format", "pagerduty");

        Assert.Equal(1, refused.Exit);
        Assert.Contains("routingKey", refused.Error);
    }
}

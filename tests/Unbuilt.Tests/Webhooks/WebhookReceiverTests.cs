using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Unbuilt.Data.Accounts;
using Unbuilt.Tests.Cli;
using Unbuilt.Webhooks;

namespace Unbuilt.Tests.Webhooks;

/// `unbuilt webhooks receive`, the local stand-in for Slack, PagerDuty or an operator's own receiver: the server's
/// real deliveries arrive at it and are recognised, a generic body's signature is checked.
[Collection(nameof(CliCollection))]
public sealed class WebhookReceiverTests(WebhookServer server) : IntegrationTest<WebhookServer>(server)
{
    private const string Secret = "a-long-enough-shared-secret";
    private static readonly TimeSpan BoundedWait = TimeSpan.FromSeconds(20);

    private async Task<HttpClient> AdminAsync() =>
        Server.Client(await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin));

    private static async Task<int> AddAsync(HttpClient admin, object webhook) =>
        (await OkJson(admin.PostAsJsonAsync("/api/webhooks", webhook))).GetProperty("id").GetInt32();

    private static async Task<ReceivedWebhook> NextAsync(Channel<ReceivedWebhook> received)
    {
        using var timeout = new CancellationTokenSource(BoundedWait);
        return await received.Reader.ReadAsync(timeout.Token);
    }

    [Fact]
    public async Task Slack_PagerDuty_and_signed_generic_deliveries_are_recognised_as_they_arrive()
    {
        var received = Channel.CreateUnbounded<ReceivedWebhook>();
        await using var receiver = await WebhookReceiver.StartAsync(0, Secret, r => received.Writer.TryWrite(r), CancellationToken.None);
        var admin = await AdminAsync();
        var slack = await AddAsync(admin, new { url = new Uri(receiver.Address, "slack"), events = new[] { "guard.acted" }, format = "slack" });
        var pagerDuty = await AddAsync(admin, new
        {
            url = new Uri(receiver.Address, "pagerduty"), events = new[] { "guard.acted" }, format = "pagerduty", routingKey = "local-rehearsal",
        });
        var generic = await AddAsync(admin, new { url = new Uri(receiver.Address, "hook"), events = new[] { "guard.acted" }, secret = Secret });

        await OkJson(admin.PostAsync($"/api/webhooks/{slack}/test", null));
        var fromSlack = await NextAsync(received);
        await OkJson(admin.PostAsync($"/api/webhooks/{pagerDuty}/test", null));
        var fromPagerDuty = await NextAsync(received);
        await OkJson(admin.PostAsync($"/api/webhooks/{generic}/test", null));
        var fromGeneric = await NextAsync(received);

        Assert.Equal(("/slack", "slack"), (fromSlack.Path, fromSlack.Format));
        Assert.StartsWith("Test event from Unbuilt, sent by root@example.com", fromSlack.Line);
        Assert.Equal(("/pagerduty", "pagerduty"), (fromPagerDuty.Path, fromPagerDuty.Format));
        Assert.StartsWith("trigger info: Test event from Unbuilt", fromPagerDuty.Line);
        Assert.Equal(("/hook", "generic", "ok"), (fromGeneric.Path, fromGeneric.Format, fromGeneric.Signature));
        Assert.StartsWith("webhook.test info:", fromGeneric.Line);
    }

    [Fact]
    public async Task A_body_signed_with_another_secret_is_refused_and_shown_as_bad()
    {
        var received = Channel.CreateUnbounded<ReceivedWebhook>();
        await using var receiver = await WebhookReceiver.StartAsync(0, Secret, r => received.Writer.TryWrite(r), CancellationToken.None);
        using var client = new HttpClient();
        var body = """{"id":"8d9b0a52-2a6f-4a53-9a43-0f0c1e1f2a3b","type":"guard.acted","severity":"critical","summary":"rolled back"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(receiver.Address, "hook"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookHeaders.Signature, WebhookFormats.Signature(Encoding.UTF8.GetBytes(body), "some-other-secret-entirely"));

        using var answer = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        var shown = await NextAsync(received);
        Assert.Equal(("generic", "bad"), (shown.Format, shown.Signature));
        Assert.Equal("guard.acted critical: rolled back", shown.Line);
    }

    [Theory]
    [InlineData("not json at all", "unknown", "not JSON (15 bytes)")]
    [InlineData("[1, 2]", "unknown", "JSON Array, not an object")]
    [InlineData("""{"routing_key":"k","event_action":"resolve","dedup_key":"unbuilt:alert:x"}""", "pagerduty", "resolve (dedup_key unbuilt:alert:x)")]
    [InlineData("""{"blocks":[]}""", "slack", "(blocks only)")]
    [InlineData("""{"hello":"world"}""", "unknown", "a JSON object of no known format")]
    public void Any_body_is_described_without_failing(string body, string format, string line)
    {
        var described = WebhookReceiver.Describe(DateTimeOffset.UnixEpoch, "/x", Encoding.UTF8.GetBytes(body), "", secret: null);

        Assert.Equal((format, line), (described.Format, described.Line));
    }

    [Fact]
    public async Task The_cli_prints_each_delivery_writes_them_to_a_file_and_stops_after_count()
    {
        var admin = await AdminAsync();
        var port = FreePort();
        var file = Path.Combine(Path.GetTempPath(), $"unbuilt-received-{Guid.NewGuid():N}.jsonl");
        var slack = await AddAsync(admin, new { url = $"http://127.0.0.1:{port}/slack", events = new[] { "guard.acted" }, format = "slack" });
        var pagerDuty = await AddAsync(admin, new
        {
            url = $"http://127.0.0.1:{port}/pagerduty", events = new[] { "guard.acted" }, format = "pagerduty", routingKey = "local-rehearsal",
        });
        try
        {
            var cli = CliRunner.RunAsync("webhooks", "receive", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--count", "2", "--out", file);
            await WaitUntilListeningAsync(port);
            await OkJson(admin.PostAsync($"/api/webhooks/{slack}/test", null));
            await OkJson(admin.PostAsync($"/api/webhooks/{pagerDuty}/test", null));

            var result = await cli.WaitAsync(BoundedWait);

            Assert.Equal(0, result.Exit);
            Assert.Contains("/slack", result.Out);
            Assert.Contains("pagerduty  trigger info: Test event from Unbuilt", result.Out);
            var lines = await File.ReadAllLinesAsync(file);
            Assert.Equal(["slack", "pagerduty"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("format").GetString()).Order().Reverse());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_port_out_of_range_is_refused_with_one_line()
    {
        var result = await CliRunner.RunAsync("webhooks", "receive", "--port", "70000");

        Assert.Equal(1, result.Exit);
        Assert.Contains("--port is 0..65535", result.Error);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow + BoundedWait;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}

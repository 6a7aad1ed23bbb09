using System.Text.Json;
using Unbuilt.Tests.Monitoring;

namespace Unbuilt.Tests.Cli;

/// `unbuilt logs errors` against a real server: server errors by default, client errors with --client.
[Collection(nameof(CliCollection))]
public sealed class LogCommandsTests(MonitoringServer server) : MonitoringTest<MonitoringServer>(server)
{
    [Fact]
    public async Task Client_lists_the_4xx_and_the_default_stays_the_5xx()
    {
        var (admin, beta) = await FeatureOnAsync();
        var outsider = Server.Client(await Server.CreateUserAsync("outsider@example.com"));
        await AssertProblem(await Server.Client(beta).GetAsync($"{MonitoringServer.Routes}/export"), 500);
        for (var i = 0; i < 3; i++) await AssertProblem(await outsider.GetAsync($"{MonitoringServer.Routes}/plan"), 404);
        string[] logs = ["logs", "errors", "--feature", Flag, "--url", Server.BaseAddress.ToString(),
            "--token", admin.DefaultRequestHeaders.Authorization!.Parameter!];

        var client = await CliRunner.RunAsync([.. logs, "--client"]);
        var server = await CliRunner.RunAsync(logs);
        var json = await CliRunner.RunAsync([.. logs, "--client", "--json"]);

        Assert.Equal((0, 0), (client.Exit, server.Exit));
        Assert.Contains("3 client errors in action_plan_customization", client.Out);
        Assert.Contains("404", client.Out);
        Assert.Contains("1 error in action_plan_customization", server.Out);
        Assert.DoesNotContain("404", server.Out);
        var rows = JsonDocument.Parse(json.Out).RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([404, 404, 404], rows.Select(r => r.GetProperty("status").GetInt32()));
    }

    [Fact]
    public async Task No_client_errors_says_so()
    {
        var admin = await AdminAsync();
        var none = await CliRunner.RunAsync("logs", "errors", "--client", "--since", "15m", "--url", Server.BaseAddress.ToString(),
            "--token", admin.DefaultRequestHeaders.Authorization!.Parameter!);
        Assert.Equal(0, none.Exit);
        Assert.Contains("No client errors in the last 15m.", none.Out);
    }
}

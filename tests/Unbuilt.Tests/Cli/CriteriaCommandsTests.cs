using System.Text.Json;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Tests.Cli;

/// `flags status` ends with the current phase's success criteria; `flags criteria [NAME]` lists every phase.
[Collection(nameof(CliCollection))]
public sealed class CriteriaCommandsTests(UnbuiltServer server) : IntegrationTest(server)
{
    private string adminToken = "";

    private Task<CliRunner.Result> Flags(params string[] args) =>
        CliRunner.RunAsync(["flags", .. args, "--url", Server.BaseAddress.ToString(), "--token", adminToken]);

    [Fact]
    public async Task Status_shows_the_current_phase_criteria_and_criteria_lists_every_phase()
    {
        adminToken = (await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin)).Token;
        Assert.Equal(0, (await Flags("init")).Exit);
        Assert.Equal(0, (await Flags("deploy", "beta")).Exit);
        Assert.Equal(0, (await Flags("deploy", "expanded")).Exit);

        var status = await Flags("status");
        Assert.Equal(0, status.Exit);
        Assert.Contains("Success criteria: expanded", status.Out);
        foreach (var label in new[] { "Engagement", "Task completion", "Error rate", "Plan load p95", "Task update p95", "7-day return" })
            Assert.Contains(label, status.Out);
        Assert.Contains("> 60 %", status.Out);
        Assert.Contains("< 0.5 %", status.Out);
        Assert.Contains("< 1000 ms", status.Out);
        Assert.Contains("not enough data", status.Out);

        var criteria = await Flags("criteria", "action_plan_customization");
        Assert.Equal(0, criteria.Exit);
        Assert.Contains("Success criteria: expanded", criteria.Out);
        Assert.Contains("Success criteria: beta", criteria.Out);

        var json = JsonDocument.Parse((await Flags("criteria", "--json")).Out).RootElement;
        Assert.Equal(["expanded", "beta"], json.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("phase").GetString()));

        var missing = await Flags("criteria", "no_such_flag");
        Assert.NotEqual(0, missing.Exit);
    }
}

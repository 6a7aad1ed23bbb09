using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Tests.Cli;

/// docs/deployment.md's internal segment, typed as an operator would, against a real server.
[Collection(nameof(CliCollection))]
public sealed class SegmentCommandsTests(UnbuiltServer server) : IntegrationTest(server)
{
    private const string Flag = "action_plan_customization";
    private string adminToken = "";

    private Task<CliRunner.Result> Run(params string[] args) =>
        CliRunner.RunAsync([.. args, "--url", Server.BaseAddress.ToString(), "--token", adminToken]);

    private async Task<bool> Sees(TestUser user) =>
        (await Server.Client(user).GetFromJsonAsync<JsonElement>($"/api/feature-flags/check/{Flag}")).GetProperty("enabled").GetBoolean();

    [Fact]
    public async Task The_internal_segment_gets_the_internal_phase_and_history_keeps_the_reasons()
    {
        adminToken = (await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin)).Token;
        var staff = await Server.CreateUserAsync("ana@unbuilt.io");
        var customer = await Server.CreateUserAsync("bob@example.com", Tier.Pro);

        var created = await Run("segments", "create", "internal", "--domain", "unbuilt.io", "--description", "Our staff", "--reason", "dogfooding");
        Assert.Equal(0, created.Exit);
        Assert.Contains("email domain unbuilt.io", created.Out);
        var list = await Run("segments", "list");
        Assert.Contains("internal", list.Out);
        Assert.Equal(0, (await Run("flags", "init")).Exit);
        var given = await Run("flags", "phase-segments", "internal", "internal", "--reason", "internal = staff");
        Assert.Equal(0, given.Exit);
        Assert.Contains("flags deploy internal", given.Out);
        Assert.Equal(0, (await Run("flags", "deploy", "internal")).Exit);

        Assert.True(await Sees(staff));
        Assert.False(await Sees(customer));
        var why = await Run("flags", "evaluate", staff.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("segment internal (email domain unbuilt.io)", why.Out);
        var status = await Run("flags", "status");
        Assert.Contains("Segments", status.Out);

        var inUse = await Run("segments", "delete", "internal");
        Assert.NotEqual(0, inUse.Exit);
        Assert.Contains("phase internal", inUse.Error + inUse.Out);

        var updated = await Run("segments", "update", "internal", "--domain", "unbuilt.io,example.com", "--reason", "customers too");
        Assert.Equal(0, updated.Exit);
        Assert.True(await Sees(customer));
        var reasons = await DbAsync(db => db.SegmentChanges.OrderBy(c => c.Id).Select(c => new { c.Actor, c.Reason }).ToListAsync());
        Assert.Equal(["dogfooding", "customers too"], reasons.Select(r => r.Reason));
        Assert.All(reasons, r => Assert.Equal("root@example.com (cli)", r.Actor));

        Assert.NotEqual(0, (await Run("segments", "update", "nobody", "--tier", "pro")).Exit);
        var bad = await Run("segments", "create", "bad", "--domain", "not a domain");
        Assert.NotEqual(0, bad.Exit);
        Assert.Contains("Not an email domain", bad.Error + bad.Out);
    }
}

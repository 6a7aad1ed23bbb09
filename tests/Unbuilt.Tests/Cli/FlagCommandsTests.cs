using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Data.Accounts;
using Unbuilt.FlagEngine;

namespace Unbuilt.Tests.Cli;

/// The deployment guide's sequence, typed as an operator would, against a real server.
[Collection(nameof(CliCollection))]
public sealed class FlagCommandsTests(UnbuiltServer server) : IntegrationTest(server)
{
    private const string Flag = "action_plan_customization";
    private string adminToken = "";

    private Task<CliRunner.Result> Flags(params string[] args) =>
        CliRunner.RunAsync(["flags", .. args, "--url", Server.BaseAddress.ToString(), "--token", adminToken]);

    private async Task<bool> Sees(TestUser user) =>
        (await Server.Client(user).GetFromJsonAsync<JsonElement>($"/api/feature-flags/check/{Flag}")).GetProperty("enabled").GetBoolean();

    [Fact]
    public async Task The_guides_rollout_works_as_written()
    {
        adminToken = (await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin)).Token;
        var testers = new List<TestUser>();
        for (var i = 1; i <= 3; i++) testers.Add(await Server.CreateUserAsync($"tester{i}@example.com"));
        var others = new List<TestUser>();
        var pro = new HashSet<int>();
        for (var i = 0; i < 40; i++)
        {
            var tier = i % 2 == 0 ? Tier.Pro : Tier.Free;
            var user = await Server.CreateUserAsync($"user{i}@example.com", tier);
            others.Add(user);
            if (tier == Tier.Pro) pro.Add(user.Id);
        }

        Assert.Equal(0, (await Flags("init")).Exit);
        foreach (var tester in testers) Assert.Equal(0, (await Flags("add-user", tester.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Exit);
        Assert.Equal(0, (await Flags("deploy", "internal")).Exit);
        Assert.All(await Task.WhenAll(testers.Select(Sees)), Assert.True);
        Assert.All(await Task.WhenAll(others.Select(Sees)), Assert.False);

        Assert.Equal(0, (await Flags("deploy", "beta")).Exit);
        Assert.All(await Task.WhenAll(testers.Select(Sees)), Assert.True);
        var atTen = new List<TestUser>();
        foreach (var user in others)
        {
            var expected = pro.Contains(user.Id) && Bucket.For(Flag, user.Id) <= 10;
            Assert.Equal(expected, await Sees(user));
            if (expected) atTen.Add(user);
        }

        Assert.Equal(0, (await Flags("deploy", "expanded")).Exit);
        Assert.All(await Task.WhenAll(atTen.Select(Sees)), Assert.True);

        Assert.Equal(0, (await Flags("deploy", "general")).Exit);
        Assert.All(await Task.WhenAll(others.Select(Sees)), Assert.True);

        Assert.Equal(0, (await Flags("rollback")).Exit);
        Assert.All(await Task.WhenAll(testers.Concat(others).Select(Sees)), Assert.False);
        var status = await Flags("status", "--json");
        var json = JsonDocument.Parse(status.Out).RootElement;
        Assert.Equal(testers.Select(t => t.Id).Order(), json.GetProperty("allowedUserIds").EnumerateArray().Select(e => e.GetInt32()).Order());
    }

    [Fact]
    public async Task Status_history_and_evaluate_answer_and_bad_input_exits_non_zero()
    {
        adminToken = (await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin)).Token;
        var user = await Server.CreateUserAsync("ada@example.com", Tier.Pro);
        await Flags("init");
        await Flags("set-rollout", "30");

        var status = await Flags("status");
        Assert.Equal(0, status.Exit);
        Assert.Contains("30%", status.Out);
        Assert.Contains("All", status.Out);

        var evaluate = await Flags("evaluate", user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.Equal(Bucket.For(Flag, user.Id), JsonDocument.Parse(evaluate.Out).RootElement.GetProperty("bucket").GetInt32());

        var history = await Flags("history", "--json");
        var actors = JsonDocument.Parse(history.Out).RootElement.EnumerateArray().Select(c => c.GetProperty("actor").GetString()).ToList();
        Assert.Equal(2, actors.Count);
        Assert.All(actors, actor => Assert.Contains("(cli)", actor));

        var bad = await Flags("set-rollout", "150");
        Assert.NotEqual(0, bad.Exit);
        Assert.Contains("100", bad.Error);
        Assert.NotEqual(0, (await Flags("deploy", "everyone")).Exit);
        Assert.NotEqual(0, (await CliRunner.RunAsync("flags", "status", "--url", Server.BaseAddress.ToString(), "--token", "ubt_wrong")).Exit);
    }

    [Fact]
    public async Task Advance_is_refused_without_evidence_status_says_what_is_missing_and_force_is_recorded()
    {
        adminToken = (await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin)).Token;
        await Flags("init");
        await Flags("deploy", "beta");

        var refused = await Flags("advance");
        var status = await Flags("status");
        var forced = await Flags("advance", "--force");
        var history = JsonDocument.Parse((await Flags("history", "--json")).Out).RootElement;

        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("Health unknown: 0 of the 100 requests needed.", refused.Error);
        Assert.Contains("The beta phase is planned for 7 d and has 7 d to go.", refused.Error);
        Assert.Contains("unknown (0 of the 100 requests needed)", status.Out);
        Assert.Contains("Client errors", status.Out);
        Assert.Equal(0, forced.Exit);
        Assert.Contains("expanded", forced.Out);
        Assert.StartsWith("advance beta → expanded, forced past health unknown: 0 of the 100 requests needed; the beta phase",
            history[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Create_list_describe_archive_restore_and_delete_take_a_reason_each()
    {
        adminToken = (await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin)).Token;

        Assert.Equal(0, (await Flags("create", "cli_flag", "--description", "From the CLI", "--reason", "new work")).Exit);
        var taken = await Flags("create", "cli_flag");
        Assert.NotEqual(0, taken.Exit);
        Assert.Contains("already exists", taken.Error);
        Assert.Equal(0, (await Flags("describe", "cli_flag", "Clearer words", "--reason", "typo")).Exit);
        Assert.Contains("cli_flag", (await Flags("list")).Out);
        Assert.Equal(0, (await Flags("archive", "cli_flag", "--reason", "shipped")).Exit);
        Assert.DoesNotContain("cli_flag", (await Flags("list")).Out);
        Assert.Contains("archived", (await Flags("list", "--archived")).Out);
        Assert.Equal(0, (await Flags("restore", "cli_flag", "--reason", "oops")).Exit);
        Assert.NotEqual(0, (await Flags("delete", "cli_flag")).Exit);
        Assert.Equal(0, (await Flags("set-rollout", "20", "--flag", "cli_flag", "--reason", "widen")).Exit);
        Assert.Equal(0, (await Flags("archive", "cli_flag", "--reason", "done")).Exit);
        Assert.Equal(0, (await Flags("delete", "cli_flag", "--reason", "removed from the code")).Exit);

        var reasons = await DbAsync(db => db.FeatureFlagChanges.Where(c => c.FlagName == "cli_flag").OrderBy(c => c.Id)
            .Select(c => c.Action + ":" + c.Reason).ToListAsync());
        Assert.Equal(["create:new work", "describe:typo", "archive:shipped", "restore:oops", "rollout:widen", "archive:done",
            "delete:removed from the code"], reasons);
    }
}

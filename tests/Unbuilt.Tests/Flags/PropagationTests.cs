using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Data.Accounts;
using Unbuilt.Flags;

namespace Unbuilt.Tests.Flags;

/// A server whose periodic reload never fires during a test, so what a test sees comes from the change itself.
public sealed class NoPeriodicReloadServer : UnbuiltServer
{
    protected override IEnumerable<string> Settings => ["Unbuilt:Flags:ReloadSeconds=86400"];

    /// Every invalidation the bus carried, as any node's listener hears it.
    public InvalidationRecorder Invalidations { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IFlagInvalidationListener>(Invalidations);
}

public sealed class InvalidationRecorder : IFlagInvalidationListener
{
    private readonly List<FlagInvalidation> heard = [];

    public Task OnInvalidatedAsync(FlagInvalidation invalidation, CancellationToken ct)
    {
        lock (heard) heard.Add(invalidation);
        return Task.CompletedTask;
    }

    public List<FlagInvalidation> Since(int count)
    {
        lock (heard) return heard[count..];
    }

    public int Count
    {
        get { lock (heard) return heard.Count; }
    }
}

public sealed class PropagationTests(NoPeriodicReloadServer server) : FlagTest<NoPeriodicReloadServer>(server)
{
    private FlagSnapshotStore Store => Server.Services.GetRequiredService<FlagSnapshotStore>();

    private async Task<int> ProIdsOnAsync(HttpClient admin)
    {
        var on = 0;
        for (var id = 1; id <= 50; id++)
            if ((await OkJson(admin.GetAsync($"{Api}/{Flag}/evaluate?userId={id}&tier=pro"))).GetProperty("enabled").GetBoolean())
                on++;
        return on;
    }

    [Fact]
    public async Task The_very_next_evaluation_sees_each_change()
    {
        var admin = await AdminAsync();
        var pro = await Server.CreateUserAsync("pro@example.com", Tier.Pro);
        await InitAsync(admin);

        await DeployAsync(admin, "general");
        Assert.True(await SeesAsync(pro));
        await OkJson(admin.PatchAsJsonAsync($"{Api}/{Flag}", new { enabled = false }));
        Assert.False(await SeesAsync(pro));
        await OkJson(admin.PatchAsJsonAsync($"{Api}/{Flag}", new { enabled = true }));
        Assert.True(await SeesAsync(pro));
        await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = pro.Id, enabled = false }));
        Assert.False(await SeesAsync(pro));
    }

    [Fact]
    public async Task Each_change_reloads_this_node_and_publishes_one_invalidation()
    {
        var admin = await AdminAsync();
        var before = Server.Invalidations.Count;
        var reloads = Store.ReloadCount;

        await InitAsync(admin);
        await DeployAsync(admin, "internal");

        var published = Server.Invalidations.Since(before);

        Assert.Equal(reloads + 2, Store.ReloadCount);
        Assert.Equal(2, published.Count);
        Assert.All(published, m => Assert.Equal((Store.NodeId, Flag), (m.OriginNodeId, m.FlagName)));
    }

    [Fact]
    public async Task A_change_that_changes_nothing_writes_and_publishes_nothing()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await DeployAsync(admin, "beta");
        var reloads = Store.ReloadCount;

        await DeployAsync(admin, "beta");
        await OkJson(admin.PatchAsJsonAsync($"{Api}/{Flag}/rollout", new { percentage = 10 }));

        Assert.Equal(reloads, Store.ReloadCount);
        Assert.Equal(2, (await OkJson(admin.GetAsync($"{Api}/{Flag}/history"))).GetArrayLength());
    }

    [Fact]
    public async Task Cache_clear_reloads_a_change_made_behind_the_apis_back()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await DeployAsync(admin, "beta");
        await DbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE feature_flags SET rollout_percentage = 100"));
        Assert.InRange(await ProIdsOnAsync(admin), 0, 15); // still the snapshot's 10%

        var cleared = await OkJson(admin.PostAsync($"{Api}/cache/clear", null));

        Assert.Equal(1, cleared.GetProperty("flags").GetInt32());
        Assert.Equal(50, await ProIdsOnAsync(admin));
        Assert.True(await DbAsync(db => db.SecurityAuditLogs.AnyAsync(l => l.Action == "feature_flag.cache_clear")));
    }

    [Fact]
    public async Task An_invalidation_from_another_node_reloads_this_one()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        await DeployAsync(admin, "beta");
        await DbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE feature_flags SET rollout_percentage = 100"));

        await Server.Services.GetRequiredService<IFlagInvalidationBus>()
            .PublishAsync(new FlagInvalidation("another-node", Flag), CancellationToken.None);

        Assert.Equal(50, await ProIdsOnAsync(admin));
    }
}

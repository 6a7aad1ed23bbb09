using System.Diagnostics.Metrics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Unbuilt.Monitoring;

namespace Unbuilt.Plans.Reading;

/// `Unbuilt:PlanCache:*` (environment: `Unbuilt__PlanCache__Tasks`): how many tasks, over every plan it holds, a node
/// keeps read for plan reads. 0 turns the cache off.
public sealed class PlanCacheOptions
{
    public const string Section = "Unbuilt:PlanCache";

    public int Tasks { get; set; } = 20_000;

    public static bool IsValid(PlanCacheOptions o) => o.Tasks is >= 0 and <= 10_000_000;
}

/// A plan's tasks and dependency links as last read on this node, for the reads that need the whole plan (the plan
/// itself, its progress, next actions, dependencies, exports). A plan is read far more often than it changes, and
/// reading its rows is most of a read's cost in both processes.
///
/// An entry answers only for the plan version it was read at: every change to a plan's tasks or links moves the
/// plan's version (and its updated time) in the same transaction, and a reader always reads the plan's row first, so a
/// reader that finds the version it holds gets the rows that version had. The plan's row, its phases and the caller's
/// role are never cached: each read takes them fresh. The key holds the updated time as well as the version, so a
/// database restored to an earlier point, whose plans reach the same versions again with other rows, does not match.
/// Entries are sized by their tasks; past the setting the least recently used ones go.
public sealed class PlanContentCache : IDisposable
{
    private readonly MemoryCache? cache;
    private long hits;
    private long misses;

    public PlanContentCache(IOptions<PlanCacheOptions> options, IMeterFactory meters)
    {
        if (options.Value.Tasks > 0) cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.Tasks });
        var meter = meters.Create(UnbuiltMetrics.MeterName);
        meter.CreateObservableCounter("unbuilt.plan_cache.hits", () => Hits, "{read}",
            "Plan reads answered from the rows this node had read at the plan's version");
        meter.CreateObservableCounter("unbuilt.plan_cache.misses", () => Misses, "{read}",
            "Plan reads that read the plan's rows from the database");
    }

    public long Hits => Interlocked.Read(ref hits);
    public long Misses => Interlocked.Read(ref misses);

    /// What was read for <paramref name="planId"/> at <paramref name="version"/> and <paramref name="updatedAt"/>.
    public PlanRows? Find(int planId, int version, DateTime updatedAt)
    {
        if (cache is not null && cache.TryGetValue(planId, out PlanRows? rows) && rows!.Version == version
            && rows.UpdatedAt == updatedAt)
        {
            Interlocked.Increment(ref hits);
            return rows;
        }
        Interlocked.Increment(ref misses);
        return null;
    }

    /// Keeps <paramref name="rows"/> in place of what the plan had. Replacing a later version (a slower reader's rows)
    /// costs the next reader a miss, never a wrong answer, and not comparing versions keeps the cache right when a
    /// restored database brings a plan back at an earlier version. When the cache is full the entry is not kept, and
    /// the least recently used entries are dropped to make room for the next ones.
    public void Keep(int planId, PlanRows rows) =>
        cache?.Set(planId, rows, new MemoryCacheEntryOptions { Size = rows.Size });

    public void Dispose() => cache?.Dispose();
}

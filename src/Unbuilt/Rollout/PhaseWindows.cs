using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Data.Flags;
using Unbuilt.FlagEngine;
using Unbuilt.Flags;

namespace Unbuilt.Rollout;

/// A stretch of time a flag spent in one phase, from entering it to leaving it (To null: the phase it is in now),
/// and who had the feature then: the flag's state as it was when the phase ended (for the current phase, now), so
/// beta users added during the phase count.
public sealed record PhaseWindow(string Phase, DateTime From, DateTime? To, FlagState State)
{
    public bool Current => To is null;
}

/// Reads a flag's phase windows from its history (feature_flag_changes): a change whose phase after differs from
/// its phase before enters a phase, and the next such change leaves it. Phases the flag was off in (init, rollback)
/// are left out of the past ones, since nobody had the feature; the current phase is always there.
public sealed class PhaseWindows(UnbuiltDbContext db)
{
    /// The flag's windows, newest first, at most <paramref name="max"/>; null when there is no such flag. The history
    /// is read newest first, one row at a time, and reading stops once enough windows are found.
    public async Task<List<PhaseWindow>?> ReadAsync(string flagName, int max, CancellationToken ct)
    {
        var flag = await db.FeatureFlags.AsNoTracking().FirstOrDefaultAsync(f => f.Name == flagName, ct);
        if (flag is null) return null;
        var entries = await db.UserFeatureFlags.AsNoTracking().Where(e => e.FeatureFlagId == flag.Id)
            .Select(e => new { e.UserId, e.Enabled }).ToListAsync(ct);
        // Segments as they are defined now: their history is their own (segment_changes), not the flag's.
        var segments = await StoredFlags.LoadSegmentsAsync(db, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, ct);
        var current = StateOf(flag.Name, flag.Enabled, flag.RolloutPercentage, flag.AllowedTiers,
            entries.Select(e => KeyValuePair.Create(e.UserId, e.Enabled)), flag.Segments, segments);
        var windows = new List<PhaseWindow> { new(flag.Phase ?? FlagPhases.Custom, flag.PhaseStartedAt ?? flag.CreatedAt, null, current) };

        var end = windows[0].From;
        FlagRecord? leaving = null; // the state just before the newer phase began: how the older one ended
        var sawCurrentEntry = false;
        var changes = db.FeatureFlagChanges.AsNoTracking().Where(c => c.FeatureFlagId == flag.Id)
            .OrderByDescending(c => c.Id).Select(c => new { c.CreatedAt, c.Before, c.After });
        await foreach (var change in changes.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (windows.Count >= max) break;
            var after = Read(change.After);
            var before = change.Before is null ? null : Read(change.Before);
            if (after is null || (change.Before is not null && (before is null || before.Phase == after.Phase))) continue;
            if (sawCurrentEntry && leaving is { Enabled: true } && change.CreatedAt < end)
                windows.Add(new PhaseWindow(after.Phase ?? FlagPhases.Custom, change.CreatedAt, end, StateOf(flag.Name, leaving, segments)));
            if (sawCurrentEntry) end = change.CreatedAt;
            sawCurrentEntry = true;
            leaving = before;
            if (before is null) break; // the flag's creation: nothing older
        }
        return windows;
    }

    private static FlagRecord? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<FlagRecord>(json, FlagRecord.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static FlagState StateOf(string name, FlagRecord record, IReadOnlyDictionary<string, Segment> segments) =>
        StateOf(name, record.Enabled, record.RolloutPercentage, record.AllowedTiers ?? [],
            (record.AllowedUserIds ?? []).Select(id => KeyValuePair.Create(id, true))
                .Concat((record.BlockedUserIds ?? []).Select(id => KeyValuePair.Create(id, false))), record.Segments ?? [], segments);

    /// A state the engine cannot read (a tier typed by hand) is taken as off, as the flag snapshot takes it.
    private static FlagState StateOf(string name, bool enabled, int percentage, IEnumerable<string> tiers,
        IEnumerable<KeyValuePair<int, bool>> entries, IEnumerable<string> segmentNames, IReadOnlyDictionary<string, Segment> segments)
    {
        try
        {
            return new FlagState(name, enabled, percentage, UserTiers.ParseAll(tiers), entries.DistinctBy(e => e.Key),
                segmentNames.Distinct(StringComparer.Ordinal).Select(n => segments.GetValueOrDefault(n)).OfType<Segment>());
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return new FlagState(name, enabled: false, rolloutPercentage: 0);
        }
    }
}

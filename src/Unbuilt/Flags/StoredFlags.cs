using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Data.Flags;
using Unbuilt.FlagEngine;

namespace Unbuilt.Flags;

/// Reads feature_flags, user_feature_flags and segments rows into the engine's immutable snapshot.
public static partial class StoredFlags
{
    /// The live flags as a snapshot (an archived flag is left out, so it evaluates as not found everywhere), and
    /// the archived flags' names.
    public static async Task<(FlagSnapshot Snapshot, IReadOnlyList<string> Archived)> LoadSnapshotAsync(
        UnbuiltDbContext db, ILogger logger, CancellationToken ct)
    {
        var all = await db.FeatureFlags.AsNoTracking().ToListAsync(ct);
        var flags = all.Where(f => f.ArchivedAt is null).ToList();
        var archived = all.Where(f => f.ArchivedAt is not null).Select(f => f.Name).ToList();
        var entries = await db.UserFeatureFlags.AsNoTracking()
            .Select(e => new { e.FeatureFlagId, e.UserId, e.Enabled })
            .ToListAsync(ct);
        var entriesByFlag = entries.ToLookup(e => e.FeatureFlagId, e => KeyValuePair.Create(e.UserId, e.Enabled));
        var segments = await LoadSegmentsAsync(db, logger, ct);
        return (new FlagSnapshot(flags.Select(flag => ToState(flag, entriesByFlag[flag.Id], segments, logger))), archived);
    }

    /// Every segment, compiled for the engine, by name. A row the engine cannot read is left out (it then has no
    /// members), and logged.
    public static async Task<Dictionary<string, Segment>> LoadSegmentsAsync(UnbuiltDbContext db, ILogger logger, CancellationToken ct)
    {
        var rows = await db.Segments.AsNoTracking().ToListAsync(ct);
        var byName = new Dictionary<string, Segment>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            try
            {
                byName[row.Name] = ToSegment(row);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                LogUnreadableSegment(logger, e, row.Name);
            }
        }
        return byName;
    }

    public static Segment ToSegment(UserSegment row) =>
        new(row.Name, row.UserIds, row.EmailDomains, UserTiers.ParseAll(row.Tiers), row.MinAccountAgeDays);

    /// A row the engine cannot read (a tier typed by hand in SQL, a percentage out of range) turns its flag off
    /// rather than guessing: an unknown tier dropped from the list could open the flag to every tier.
    /// A segment the flag names that does not exist (or cannot be read) has no members: it is skipped.
    private static FlagState ToState(FeatureFlag flag, IEnumerable<KeyValuePair<int, bool>> entries,
        IReadOnlyDictionary<string, Segment> segments, ILogger logger)
    {
        try
        {
            return new FlagState(flag.Name, flag.Enabled, flag.RolloutPercentage, UserTiers.ParseAll(flag.AllowedTiers), entries,
                flag.Segments.Distinct(StringComparer.Ordinal).Select(name => segments.GetValueOrDefault(name)).OfType<Segment>());
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            LogUnreadableFlag(logger, e, flag.Name);
            return new FlagState(flag.Name, enabled: false, rolloutPercentage: 0);
        }
    }

    /// The flag's tiers as the engine's type; names that are not tiers are skipped (only the API writes tiers).
    public static List<UserTier> Tiers(FeatureFlag flag) =>
        [.. flag.AllowedTiers.Select(name => UserTiers.TryParse(name, out var tier) ? tier : (UserTier?)null).OfType<UserTier>()];

    public static UserTier ToUserTier(this Data.Accounts.Tier tier) => tier switch
    {
        Data.Accounts.Tier.Pro => UserTier.Pro,
        Data.Accounts.Tier.Enterprise => UserTier.Enterprise,
        _ => UserTier.Free,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Segment {SegmentName} has a row the evaluator cannot read; it has no members until fixed")]
    private static partial void LogUnreadableSegment(ILogger logger, Exception exception, string segmentName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Flag {FlagName} has a row the evaluator cannot read; it is off until fixed")]
    private static partial void LogUnreadableFlag(ILogger logger, Exception exception, string flagName);
}

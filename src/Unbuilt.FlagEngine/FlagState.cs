using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;

namespace Unbuilt.FlagEngine;

/// <summary>
/// One flag as the evaluator sees it: kill switch, percentage, allowed tiers, explicit per-user entries and the
/// segments it targets.
/// Immutable, validated on construction, and prepared so evaluating it allocates nothing.
/// </summary>
public sealed class FlagState
{
    private readonly int tierMask;

    /// <summary>Creates a flag state.</summary>
    /// <param name="name">The flag name (compared ordinally, so case matters).</param>
    /// <param name="enabled">The kill switch: <see langword="false"/> turns the flag off for everyone.</param>
    /// <param name="rolloutPercentage">0..100: the share of users, by bucket, the flag is on for.</param>
    /// <param name="allowedTiers">The tiers the flag is limited to; <see langword="null"/> or empty means all.</param>
    /// <param name="userEntries">
    /// Explicit answers per user id: <see langword="true"/> for a beta user, <see langword="false"/> for a user
    /// blocked on purpose. A user id may appear once.
    /// </param>
    /// <param name="segments">The segments whose members get the flag on (after user entries, before tiers).</param>
    /// <exception cref="ArgumentException">The name is empty, a user id appears twice, or two segments share a name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The percentage is outside 0..100, or a tier is undefined.</exception>
    public FlagState(
        string name,
        bool enabled,
        int rolloutPercentage,
        IEnumerable<UserTier>? allowedTiers = null,
        IEnumerable<KeyValuePair<int, bool>>? userEntries = null,
        IEnumerable<Segment>? segments = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(rolloutPercentage, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rolloutPercentage, 100);

        Name = name;
        Enabled = enabled;
        RolloutPercentage = rolloutPercentage;
        AllowedTiers = UserTiers.Normalize(allowedTiers);
        tierMask = UserTiers.MaskOf(AllowedTiers);
        UserEntries = ToEntries(userEntries);
        Segments = [.. segments ?? []];
        if (Segments.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() != Segments.Length)
        {
            throw new ArgumentException("A segment appears more than once.", nameof(segments));
        }

        Utf8Name = Encoding.UTF8.GetBytes(name);
    }

    /// <summary>The flag name.</summary>
    public string Name { get; }

    /// <summary>The kill switch: when <see langword="false"/> the flag is off for everyone.</summary>
    public bool Enabled { get; }

    /// <summary>0..100: the flag is on for a user whose bucket is at most this.</summary>
    public int RolloutPercentage { get; }

    /// <summary>The tiers the flag is limited to, distinct and in tier order; empty means all tiers.</summary>
    public ImmutableArray<UserTier> AllowedTiers { get; }

    /// <summary>Explicit answers per user id (<see langword="true"/>: beta user; <see langword="false"/>: blocked).</summary>
    public FrozenDictionary<int, bool> UserEntries { get; }

    /// <summary>The segments the flag targets, in the order they are tried; empty when none.</summary>
    public ImmutableArray<Segment> Segments { get; }

    /// <summary>Whether the flag targets any segment.</summary>
    public bool HasSegments => !Segments.IsEmpty;

    /// <summary>The users with an explicit <see langword="true"/> entry, ascending: the beta list.</summary>
    public IEnumerable<int> BetaUserIds => UserEntries.Where(e => e.Value).Select(e => e.Key).Order();

    /// <summary>The name's UTF-8 bytes, encoded once so bucketing does not encode per call.</summary>
    internal byte[] Utf8Name { get; }

    /// <summary>Whether a user of <paramref name="tier"/> passes the tier rule (always, when no tiers are set).</summary>
    /// <param name="tier">The user's tier.</param>
    /// <returns><see langword="true"/> when the tier is allowed.</returns>
    public bool AllowsTier(UserTier tier) =>
        tierMask == 0 || (tier is >= UserTier.Free and <= UserTier.Enterprise && (tierMask & UserTiers.Bit(tier)) != 0);

    /// <summary>
    /// This flag with a phase's switch, percentage, tiers and segments. User entries are kept: deploying never wipes
    /// the beta list. The phase names its segments; <paramref name="segments"/> resolves them (a name it lacks is
    /// left out: a segment that does not exist has no members).
    /// </summary>
    /// <param name="phase">The phase to deploy.</param>
    /// <param name="segments">The segments that exist, by name; <see langword="null"/> when there are none.</param>
    /// <returns>The new state.</returns>
    public FlagState Deploy(RolloutPhase phase, IReadOnlyDictionary<string, Segment>? segments = null)
    {
        ArgumentNullException.ThrowIfNull(phase);
        IEnumerable<Segment> targeted = segments is null
            ? []
            : phase.Segments.Select(name => segments.GetValueOrDefault(name)).OfType<Segment>();
        return new(Name, phase.Enabled, phase.RolloutPercentage, phase.AllowedTiers, UserEntries, targeted);
    }

    /// <summary>
    /// This flag switched off, everything else kept, so turning it back on restores the rollout as it was.
    /// </summary>
    /// <returns>The new state.</returns>
    public FlagState Rollback() => new(Name, enabled: false, RolloutPercentage, AllowedTiers, UserEntries, Segments);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name} ({(Enabled ? "on" : "off")}, {RolloutPercentage}%, tiers [{string.Join(", ", AllowedTiers.Select(t => t.ToName()))}], {UserEntries.Count} user entries, segments [{string.Join(", ", Segments.Select(s => s.Name))}])";

    private static FrozenDictionary<int, bool> ToEntries(IEnumerable<KeyValuePair<int, bool>>? entries)
    {
        if (entries is null)
        {
            return FrozenDictionary<int, bool>.Empty;
        }

        if (entries is FrozenDictionary<int, bool> frozen)
        {
            return frozen;
        }

        var byUser = new Dictionary<int, bool>();
        foreach ((int userId, bool enabled) in entries)
        {
            if (!byUser.TryAdd(userId, enabled))
            {
                throw new ArgumentException($"User {userId} has more than one entry.", nameof(entries));
            }
        }

        return byUser.ToFrozenDictionary();
    }
}

using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;

namespace Unbuilt.FlagEngine;

/// <summary>
/// One flag as the evaluator sees it: kill switch, percentage, allowed tiers and explicit per-user entries.
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
    /// <exception cref="ArgumentException">The name is empty, or a user id appears twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The percentage is outside 0..100, or a tier is undefined.</exception>
    public FlagState(
        string name,
        bool enabled,
        int rolloutPercentage,
        IEnumerable<UserTier>? allowedTiers = null,
        IEnumerable<KeyValuePair<int, bool>>? userEntries = null)
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
    /// This flag with a phase's switch, percentage and tiers. User entries are kept: deploying never wipes the beta
    /// list.
    /// </summary>
    /// <param name="phase">The phase to deploy.</param>
    /// <returns>The new state.</returns>
    public FlagState Deploy(RolloutPhase phase) =>
        new(Name, phase.Enabled, phase.RolloutPercentage, phase.AllowedTiers, UserEntries);

    /// <summary>
    /// This flag switched off, everything else kept, so turning it back on restores the rollout as it was.
    /// </summary>
    /// <returns>The new state.</returns>
    public FlagState Rollback() => new(Name, enabled: false, RolloutPercentage, AllowedTiers, UserEntries);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name} ({(Enabled ? "on" : "off")}, {RolloutPercentage}%, tiers [{string.Join(", ", AllowedTiers.Select(t => t.ToName()))}], {UserEntries.Count} user entries)";

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

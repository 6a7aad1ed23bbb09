using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Unbuilt.FlagEngine;

/// <summary>A user's subscription tier, the unit of tier targeting.</summary>
public enum UserTier
{
    /// <summary>The free tier (<c>"free"</c>).</summary>
    Free = 0,

    /// <summary>The paid tier (<c>"pro"</c>).</summary>
    Pro = 1,

    /// <summary>The enterprise tier (<c>"enterprise"</c>).</summary>
    Enterprise = 2,
}

/// <summary>Names of <see cref="UserTier"/> as stored and sent (lowercase), and parsing them back.</summary>
public static class UserTiers
{
    /// <summary>Every tier, in order.</summary>
    public static ImmutableArray<UserTier> All { get; } = [UserTier.Free, UserTier.Pro, UserTier.Enterprise];

    /// <summary>The stored name of <paramref name="tier"/>: <c>free</c>, <c>pro</c> or <c>enterprise</c>.</summary>
    /// <param name="tier">A defined tier.</param>
    /// <returns>The lowercase name.</returns>
    public static string ToName(this UserTier tier) => tier switch
    {
        UserTier.Free => "free",
        UserTier.Pro => "pro",
        UserTier.Enterprise => "enterprise",
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "Not a user tier."),
    };

    /// <summary>Parses a tier name (<c>free</c>, <c>pro</c>, <c>enterprise</c>; case is ignored).</summary>
    /// <param name="name">The name to parse.</param>
    /// <param name="tier">The tier, when the name is known.</param>
    /// <returns>Whether the name is a tier.</returns>
    public static bool TryParse([NotNullWhen(true)] string? name, out UserTier tier)
    {
        foreach (UserTier candidate in All)
        {
            if (string.Equals(name, candidate.ToName(), StringComparison.OrdinalIgnoreCase))
            {
                tier = candidate;
                return true;
            }
        }

        tier = default;
        return false;
    }

    /// <summary>Parses a tier name, or throws.</summary>
    /// <param name="name">The name to parse.</param>
    /// <returns>The tier.</returns>
    /// <exception cref="FormatException">The name is not a tier.</exception>
    public static UserTier Parse(string name) => TryParse(name, out UserTier tier)
        ? tier
        : throw new FormatException($"'{name}' is not a user tier; expected free, pro or enterprise.");

    /// <summary>Parses a list of tier names (e.g. a flag's stored <c>allowed_tiers</c>), or throws.</summary>
    /// <param name="names">The names to parse.</param>
    /// <returns>The tiers, distinct and in tier order.</returns>
    /// <exception cref="FormatException">A name is not a tier.</exception>
    public static ImmutableArray<UserTier> ParseAll(IEnumerable<string> names) => Normalize(names.Select(Parse));

    /// <summary>Distinct, defined and in tier order, so two lists of the same tiers compare equal.</summary>
    internal static ImmutableArray<UserTier> Normalize(IEnumerable<UserTier>? tiers)
    {
        if (tiers is null)
        {
            return [];
        }

        int mask = MaskOf(tiers);
        return [.. All.Where(tier => (mask & Bit(tier)) != 0)];
    }

    /// <summary>One bit per tier; 0 stands for "every tier".</summary>
    internal static int MaskOf(IEnumerable<UserTier> tiers)
    {
        int mask = 0;
        foreach (UserTier tier in tiers)
        {
            if (tier is < UserTier.Free or > UserTier.Enterprise)
            {
                throw new ArgumentOutOfRangeException(nameof(tiers), tier, "Not a user tier.");
            }

            mask |= Bit(tier);
        }

        return mask;
    }

    internal static int Bit(UserTier tier) => 1 << (int)tier;
}

using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;

namespace Unbuilt.FlagEngine;

/// <summary>
/// A named group of users that a flag can be targeted at: the users listed by id, and the users for whom every
/// attribute condition that is set holds (email domain, tier, account age). Anonymous callers are in no segment.
/// Immutable, compiled on construction so that testing membership allocates nothing.
/// </summary>
/// <remarks>
/// An email domain matches the address's domain exactly or as a parent domain, case-insensitively:
/// <c>unbuilt.io</c> matches <c>ana@unbuilt.io</c> and <c>ana@eu.unbuilt.io</c>, not <c>ana@notunbuilt.io</c>.
/// </remarks>
public sealed class Segment
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> domainLookup;
    private readonly int tierMask;
    private readonly TimeSpan? minAccountAge;

    /// <summary>Creates a segment.</summary>
    /// <param name="name">The segment's name, as phases and flags refer to it (ordinal).</param>
    /// <param name="userIds">Users who are members whatever their attributes.</param>
    /// <param name="emailDomains">Domains such as <c>unbuilt.io</c>; a user matches when their email is at one of them.</param>
    /// <param name="tiers">The tiers a member must have; empty means the tier is not a condition.</param>
    /// <param name="minAccountAgeDays">How old, in days, a member's account must at least be; <see langword="null"/>: no condition.</param>
    /// <exception cref="ArgumentException">The name or a domain is empty, or nothing is set (no ids and no condition).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The minimum age is negative, or a tier is undefined.</exception>
    public Segment(
        string name,
        IEnumerable<int>? userIds = null,
        IEnumerable<string>? emailDomains = null,
        IEnumerable<UserTier>? tiers = null,
        int? minAccountAgeDays = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (minAccountAgeDays is int days)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(days, nameof(minAccountAgeDays));
        }

        Name = name;
        UserIds = userIds?.ToFrozenSet() ?? FrozenSet<int>.Empty;
        EmailDomains = [.. (emailDomains ?? []).Select(NormalizeDomain).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        domainLookup = EmailDomains.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        Tiers = UserTiers.Normalize(tiers);
        tierMask = UserTiers.MaskOf(Tiers);
        MinAccountAgeDays = minAccountAgeDays;
        minAccountAge = minAccountAgeDays is int d ? TimeSpan.FromDays(d) : null;
        if (UserIds.Count == 0 && !HasConditions)
        {
            throw new ArgumentException($"Segment '{name}' needs at least one user id or one condition.", nameof(userIds));
        }
    }

    /// <summary>The segment's name.</summary>
    public string Name { get; }

    /// <summary>Users who are members by id, whatever their attributes.</summary>
    public FrozenSet<int> UserIds { get; }

    /// <summary>The email domains, lower case, distinct and sorted; empty: the domain is not a condition.</summary>
    public ImmutableArray<string> EmailDomains { get; }

    /// <summary>The tiers a member must have, in tier order; empty: the tier is not a condition.</summary>
    public ImmutableArray<UserTier> Tiers { get; }

    /// <summary>The minimum account age in days; <see langword="null"/>: the age is not a condition.</summary>
    public int? MinAccountAgeDays { get; }

    /// <summary>Whether any attribute condition is set (otherwise only the listed users are members).</summary>
    public bool HasConditions => !EmailDomains.IsEmpty || tierMask != 0 || MinAccountAgeDays is not null;

    /// <summary>Whether the caller is a member. Anonymous callers never are. Does not allocate.</summary>
    /// <param name="context">Who is asking.</param>
    /// <returns><see langword="true"/> for a listed user, or one for whom every condition set holds.</returns>
    public bool Contains(in FlagContext context) => MatchOf(context) != SegmentMatch.None;

    /// <summary>How the caller is a member, if at all. Does not allocate.</summary>
    /// <param name="context">Who is asking.</param>
    /// <returns>The kind of match.</returns>
    public SegmentMatch MatchOf(in FlagContext context)
    {
        if (context.UserId is not int userId)
        {
            return SegmentMatch.None;
        }

        if (UserIds.Contains(userId))
        {
            return SegmentMatch.UserId;
        }

        if (!HasConditions)
        {
            return SegmentMatch.None;
        }

        if (tierMask != 0 && (context.Tier is < UserTier.Free or > UserTier.Enterprise || (tierMask & UserTiers.Bit(context.Tier)) == 0))
        {
            return SegmentMatch.None;
        }

        if (minAccountAge is TimeSpan min && !(context.AccountAge >= min))
        {
            return SegmentMatch.None;
        }

        if (!EmailDomains.IsEmpty && !HasMatchingDomain(context.Email))
        {
            return SegmentMatch.None;
        }

        return SegmentMatch.Attributes;
    }

    /// <summary>
    /// Why the caller is a member, in words, e.g. <c>email domain unbuilt.io</c> or <c>user 42 is listed</c>; for
    /// explanations (it allocates), not for evaluation.
    /// </summary>
    /// <param name="context">Who is asking.</param>
    /// <returns>The reason, or <see langword="null"/> when the caller is not a member.</returns>
    public string? Explain(in FlagContext context)
    {
        switch (MatchOf(context))
        {
            case SegmentMatch.UserId:
                return string.Create(CultureInfo.InvariantCulture, $"user {context.UserId} is listed");
            case SegmentMatch.Attributes:
                var parts = new List<string>();
                if (!EmailDomains.IsEmpty && context.Email is { } email)
                {
                    parts.Add("email domain " + DomainOf(email).ToString().ToLowerInvariant());
                }

                if (tierMask != 0)
                {
                    parts.Add("tier " + context.Tier.ToName());
                }

                if (MinAccountAgeDays is int days)
                {
                    parts.Add(string.Create(CultureInfo.InvariantCulture, $"account at least {days} days old"));
                }

                return string.Join(", ", parts);
            default:
                return null;
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name} ({UserIds.Count} users, domains [{string.Join(", ", EmailDomains)}], tiers [{string.Join(", ", Tiers.Select(t => t.ToName()))}], min age {MinAccountAgeDays?.ToString(CultureInfo.InvariantCulture) ?? "–"})";

    /// <summary>The part of an address after its last <c>@</c> (empty when there is none).</summary>
    internal static ReadOnlySpan<char> DomainOf(string email)
    {
        int at = email.LastIndexOf('@');
        return at < 0 ? [] : email.AsSpan(at + 1);
    }

    // The domain or any parent of it (a.b.unbuilt.io → b.unbuilt.io → unbuilt.io → io) is in the set.
    private bool HasMatchingDomain(string? email)
    {
        if (email is null)
        {
            return false;
        }

        ReadOnlySpan<char> domain = DomainOf(email);
        while (!domain.IsEmpty)
        {
            if (domainLookup.Contains(domain))
            {
                return true;
            }

            int dot = domain.IndexOf('.');
            if (dot < 0)
            {
                return false;
            }

            domain = domain[(dot + 1)..];
        }

        return false;
    }

    private static string NormalizeDomain(string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain, nameof(domain));
        return domain.Trim().TrimStart('@').ToLowerInvariant();
    }
}

/// <summary>How a caller is a member of a <see cref="Segment"/>.</summary>
public enum SegmentMatch
{
    /// <summary>Not a member.</summary>
    None = 0,

    /// <summary>Listed by user id.</summary>
    UserId,

    /// <summary>Every attribute condition set holds.</summary>
    Attributes,
}

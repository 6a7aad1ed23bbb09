using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Data.Flags;
using Unbuilt.FlagEngine;

namespace Unbuilt.Flags;

/// Validation of a segment's fields, and of the segment names a flag or a plan's phases target.
public static partial class SegmentRules
{
    /// The oldest account age a segment may ask for (100 years).
    public const int MaxAccountAgeDays = 36_500;

    /// Checks the fields given (null: not sent) and applies them to the row; reports every error at once.
    public static async Task ValidateAsync(FieldErrors errors, UserSegment row, string? description, List<int>? userIds,
        List<string>? emailDomains, List<string>? tiers, int? minAccountAgeDays, string? reason, SegmentOptions limits,
        UnbuiltDbContext db, CancellationToken ct)
    {
        errors.Texts(description, reason);
        if (description is not null) row.Description = description;
        if (userIds is not null)
        {
            if (userIds.Count > limits.MaxUserIds)
                errors.Add("userIds", $"At most {limits.MaxUserIds} users per segment (Unbuilt:Segments:MaxUserIds).");
            else if (userIds.Any(id => id <= 0)) errors.Add("userIds", "User ids are positive integers.");
            else
            {
                var distinct = userIds.Distinct().Order().ToList();
                var known = await db.Users.Where(u => distinct.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
                var missing = distinct.Except(known).ToList();
                if (missing.Count > 0) errors.Add("userIds", $"There is no user {string.Join(", ", missing.Take(20))}.");
                row.UserIds = distinct;
            }
        }
        if (emailDomains is not null)
        {
            var normalized = emailDomains.Select(d => (d ?? "").Trim().TrimStart('@').ToLowerInvariant()).ToList();
            var bad = normalized.Where(d => !DomainPattern().IsMatch(d)).ToList();
            if (emailDomains.Count > limits.MaxEmailDomains)
                errors.Add("emailDomains", $"At most {limits.MaxEmailDomains} domains per segment (Unbuilt:Segments:MaxEmailDomains).");
            else if (bad.Count > 0)
                errors.Add("emailDomains", $"Not an email domain: {string.Join(", ", bad.Take(5).Select(d => $"'{d}'"))}; " +
                    "write a domain such as unbuilt.io (it also matches its subdomains).");
            else row.EmailDomains = [.. normalized.Distinct().Order(StringComparer.Ordinal)];
        }
        if (tiers is not null)
        {
            var unknown = tiers.Where(t => !UserTiers.TryParse(t, out _)).Select(t => t ?? "null").ToList();
            if (unknown.Count > 0)
                errors.Add("tiers", $"Unknown tier(s) {string.Join(", ", unknown)}; tiers are free, pro and enterprise.");
            else row.Tiers = [.. UserTiers.ParseAll(tiers).Select(t => t.ToName())];
        }
        if (minAccountAgeDays is { } days)
        {
            if (days is < 0 or > MaxAccountAgeDays)
                errors.Add("minAccountAgeDays", $"minAccountAgeDays must be between 0 (no condition) and {MaxAccountAgeDays}.");
            else row.MinAccountAgeDays = days == 0 ? null : days;
        }
        if (!errors.Any && row.UserIds.Count == 0 && row.EmailDomains.Count == 0 && row.Tiers.Count == 0 && row.MinAccountAgeDays is null)
            errors.Add("body", "A segment needs at least one of userIds, emailDomains, tiers or minAccountAgeDays.");
    }

    /// The segment names a flag targets: known segments, at most Unbuilt:Segments:MaxPerFlag; distinct and sorted.
    public static async Task<List<string>?> NamesAsync(FieldErrors errors, string field, List<string>? names,
        SegmentOptions limits, UnbuiltDbContext db, CancellationToken ct)
    {
        if (names is null) return null;
        var distinct = names.Select(n => n ?? "").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (distinct.Count > limits.MaxPerFlag)
        {
            errors.Add(field, $"At most {limits.MaxPerFlag} segments per flag or phase (Unbuilt:Segments:MaxPerFlag).");
            return null;
        }
        var known = await db.Segments.Where(s => distinct.Contains(s.Name)).Select(s => s.Name).ToListAsync(ct);
        var missing = distinct.Except(known, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            errors.Add(field, $"There is no segment {string.Join(", ", missing.Select(m => $"'{m}'"))}; create it first (GET /api/segments lists them).");
            return null;
        }
        return distinct;
    }

    /// The plan's phases' segments: each phase's list checked as a flag's is.
    public static async Task PlanAsync(FieldErrors errors, RolloutPlan? plan, SegmentOptions limits, UnbuiltDbContext db,
        CancellationToken ct)
    {
        if (plan is null) return;
        foreach (var phase in plan.Phases.Where(p => !p.Segments.IsEmpty))
            await NamesAsync(errors, "rolloutPlan", [.. phase.Segments], limits, db, ct);
    }

    /// Who targets the segment: flags by their own list, and plan phases that name it ("flag (phase p)").
    public static List<string> UsersOf(string segment, IEnumerable<FeatureFlag> flags)
    {
        var users = new List<string>();
        foreach (var flag in flags.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            if (flag.Segments.Contains(segment)) users.Add(flag.Name);
            if (flag.RolloutPlan is null) continue;
            RolloutPlan plan;
            try
            {
                plan = FlagPhases.Parse(flag.RolloutPlan);
            }
            catch (Exception e) when (e is JsonException or ArgumentException or NotSupportedException)
            {
                continue;
            }
            foreach (var phase in plan.Phases.Where(p => p.Segments.Contains(segment)))
                users.Add($"{flag.Name} (phase {phase.Name})");
        }
        return users;
    }

    /// A domain of at least two labels, letters, digits and hyphens (IDNs in their xn-- form), at most 253 characters.
    [GeneratedRegex(@"^(?=.{3,253}\z)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\z")]
    private static partial Regex DomainPattern();
}

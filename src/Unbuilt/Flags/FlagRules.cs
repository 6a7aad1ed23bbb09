using System.Text.Json;
using System.Text.RegularExpressions;
using Unbuilt.Api;
using Unbuilt.FlagEngine;

namespace Unbuilt.Flags;

/// Validation of what clients send, field by field, before anything is opened or written.
public static partial class FlagRules
{
    public const int MaxDescription = 1000;
    public const int MaxReason = 500;
    public const int MaxUsersPerRequest = 10_000;

    /// Names that would be shadowed by the API's own routes (/api/feature-flags/check/…, user/…, cache/…).
    public static IReadOnlyList<string> ReservedNames { get; } = ["check", "user", "cache"];

    public static FieldErrors Name(this FieldErrors errors, string? name)
    {
        if (string.IsNullOrEmpty(name)) errors.Add("name", "name is required.");
        else if (!NamePattern().IsMatch(name)) errors.Add("name", "name must be 1–100 characters of a–z, 0–9 and _.");
        else if (ReservedNames.Contains(name)) errors.Add("name", $"'{name}' is reserved by the API's routes; choose another name.");
        return errors;
    }

    /// Whether the text is a name as flags and segments have them: 1–100 characters of a–z, 0–9 and _.
    public static bool IsName(string? name) => name is not null && NamePattern().IsMatch(name);

    public static FieldErrors Percentage(this FieldErrors errors, string field, int? percentage)
    {
        if (percentage is < 0 or > 100) errors.Add(field, $"{field} must be between 0 and 100.");
        return errors;
    }

    /// Parses the tier names into tiers, or records an error naming the ones that are not tiers.
    public static List<UserTier>? Tiers(this FieldErrors errors, List<string>? names)
    {
        if (names is null) return null;
        var tiers = new List<UserTier>();
        var unknown = new List<string>();
        foreach (var name in names)
        {
            if (UserTiers.TryParse(name, out var tier)) tiers.Add(tier);
            else unknown.Add(name ?? "null");
        }
        if (unknown.Count > 0)
            errors.Add("allowedTiers", $"Unknown tier(s) {string.Join(", ", unknown)}; tiers are free, pro and enterprise.");
        return tiers;
    }

    public static FieldErrors UserIds(this FieldErrors errors, List<int>? userIds)
    {
        if (userIds is null) return errors;
        if (userIds.Count > MaxUsersPerRequest) errors.Add("allowedUserIds", $"At most {MaxUsersPerRequest} users per request.");
        if (userIds.Any(id => id <= 0)) errors.Add("allowedUserIds", "User ids are positive integers.");
        return errors;
    }

    public static FieldErrors GuardPolicy(this FieldErrors errors, string? policy)
    {
        if (policy is not null && !GuardPolicies.IsValid(policy))
            errors.Add("guardPolicy", $"guardPolicy must be one of {string.Join(", ", GuardPolicies.All)}.");
        return errors;
    }

    /// The plan sent: an array of phases, or [] for the default plan (then null with reset true).
    public static RolloutPlan? Plan(this FieldErrors errors, JsonElement? json, out bool reset)
    {
        reset = json is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() == 0;
        if (json is not { } element || reset) return null;
        if (!FlagPhases.TryParse(element, out var plan, out var error)) errors.Add("rolloutPlan", error!);
        else if (plan!.Find(FlagPhases.Custom) is not null) errors.Add("rolloutPlan", "'custom' is reserved; name the phase otherwise.");
        else return plan;
        return null;
    }

    public static FieldErrors Texts(this FieldErrors errors, string? description, string? reason) =>
        errors.Optional("description", description, MaxDescription).Optional("reason", reason, MaxReason);

    [GeneratedRegex(@"^[a-z0-9_]{1,100}\z")]
    private static partial Regex NamePattern();
}

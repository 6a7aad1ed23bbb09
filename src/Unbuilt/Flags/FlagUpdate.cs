using Microsoft.EntityFrameworkCore;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.FlagEngine;

namespace Unbuilt.Flags;

/// The fields of a POST or PATCH, validated, ready to apply to an edit. Null fields are left as they are.
public sealed record FlagUpdate(string? Description, bool? Enabled, int? RolloutPercentage, List<UserTier>? Tiers,
    List<int>? BetaUserIds, string? GuardPolicy, RolloutPlan? Plan, bool ResetPlan, List<string>? Segments = null)
{
    /// Checks every field (users must exist) and reports all errors at once; nothing is written either way.
    public static async Task<(FlagUpdate Update, FieldErrors Errors)> ValidateAsync(
        PatchFlagRequest request, FieldErrors errors, UnbuiltDbContext db, SegmentOptions limits, CancellationToken ct)
    {
        errors.Texts(request.Description, request.Reason)
            .Percentage("rolloutPercentage", request.RolloutPercentage)
            .UserIds(request.AllowedUserIds)
            .GuardPolicy(request.GuardPolicy);
        var tiers = errors.Tiers(request.AllowedTiers);
        var plan = errors.Plan(request.RolloutPlan, out var resetPlan);
        var userIds = request.AllowedUserIds?.Distinct().ToList();
        if (userIds is { Count: > 0 } && !errors.Any)
        {
            var known = await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
            var missing = userIds.Except(known).Order().ToList();
            if (missing.Count > 0) errors.Add("allowedUserIds", $"There is no user {string.Join(", ", missing)}.");
        }
        var segments = await SegmentRules.NamesAsync(errors, "segments", request.Segments, limits, db, ct);
        await SegmentRules.PlanAsync(errors, plan, limits, db, ct);
        var update = new FlagUpdate(request.Description, request.Enabled, request.RolloutPercentage, tiers, userIds,
            request.GuardPolicy, plan, resetPlan, segments);
        return (update, errors);
    }

    public void ApplyTo(FlagEdit edit)
    {
        if (Plan is not null || ResetPlan) edit.SetPlan(Plan);
        if (Description is not null) edit.Flag.Description = Description;
        if (Enabled is { } enabled) edit.Flag.Enabled = enabled;
        if (RolloutPercentage is { } percentage) edit.Flag.RolloutPercentage = percentage;
        if (Tiers is not null) edit.SetTiers(Tiers);
        if (BetaUserIds is not null) edit.ReplaceBetaUsers(BetaUserIds);
        if (GuardPolicy is not null) edit.Flag.GuardPolicy = GuardPolicy;
        if (Segments is not null) edit.SetSegments(Segments);
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Accounts;
using Unbuilt.Api;
using Unbuilt.Audit;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;
using Unbuilt.FlagEngine;

namespace Unbuilt.Flags;

/// Admin views of a flag: change history, what any user gets; and forcing every node to reload. (Where its rollout
/// stands is Rollout/RolloutStatusApi.)
public static class FlagInspectionApi
{
    public static void MapFlagInspection(this IEndpointRouteBuilder app)
    {
        var flags = app.MapAdminFlags();
        flags.MapGet("/{name}/history", History);
        flags.MapGet("/{name}/evaluate", Evaluate);
        flags.MapPost("/cache/clear", ClearCache);
    }

    private static async Task<Results<Ok<List<FlagChangeResponse>>, ProblemHttpResult>> History(
        string name, UnbuiltDbContext db, CancellationToken ct)
    {
        var flag = await db.FeatureFlags.AsNoTracking().Where(f => f.Name == name).Select(f => new { f.Id }).FirstOrDefaultAsync(ct);
        if (flag is null) return FlagAdminApi.FlagNotFound(name);
        var changes = await db.FeatureFlagChanges.AsNoTracking().Where(c => c.FeatureFlagId == flag.Id)
            .OrderByDescending(c => c.Id).ToListAsync(ct);
        var ids = changes.SelectMany(c => new[] { c.ActorUserId, c.TargetUserId }).OfType<int>().Distinct().ToList();
        var people = (await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct))
            .ToDictionary(u => u.Id, u => (u.DisplayName, u.Email));
        return TypedResults.Ok(changes.Select(c => c.AsResponse(people)).ToList());
    }

    /// What the flag answers for a user right now, from this node's snapshot, with the deciding rule in words. With
    /// tier, a what-if for any id; without, the user's own tier (so the user must exist). An existing user's email and
    /// account age count for segments either way.
    private static async Task<Results<Ok<EvaluateResponse>, ProblemHttpResult, ValidationProblem>> Evaluate(
        string name, int? userId, string? tier, FlagSnapshotStore store, UnbuiltDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (userId is null) errors.Add("userId", "userId is required, e.g. ?userId=42.");
        UserTier parsed = default;
        if (tier is not null && !UserTiers.TryParse(tier, out parsed))
            errors.Add("tier", $"Unknown tier '{tier}'; tiers are free, pro and enterprise.");
        if (errors.Any) return errors.ToProblem();
        if (!store.Current.TryFind(name, out var flag)) return FlagAdminApi.FlagNotFound(name);

        var id = userId!.Value;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Tier, u.Email, u.EmailTrusted, u.CreatedAt })
            .FirstOrDefaultAsync(ct);
        if (tier is null)
        {
            if (user is null) return Problems.NotFound($"There is no user {id}; pass tier=… to ask about any id.");
            parsed = user.Tier.ToUserTier();
        }
        // As the user's own requests see them (an untrusted email never matches a domain), with the tier asked about.
        var context = user is null ? FlagContext.ForUser(id, parsed)
            : FlagCallers.For(id, user.Tier, user.Email, user.EmailTrusted, user.CreatedAt, clock.GetUtcNow().UtcDateTime) with { Tier = parsed };
        var evaluation = FlagEvaluator.Evaluate(flag, context);
        var bucket = Bucket.For(name, id);
        return TypedResults.Ok(new EvaluateResponse(name, id, parsed.ToName(), evaluation.Enabled, evaluation.ReasonName,
            bucket, evaluation.Segment, Explain(flag, context, evaluation, bucket) + UntrustedNote(flag, user?.EmailTrusted)));
    }

    /// Why a user at a segment's domain may still be outside it: their address came from a self-service sign-up.
    private static string UntrustedNote(FlagState flag, bool? emailTrusted) =>
        emailTrusted == false && flag.Segments.Any(s => !s.EmailDomains.IsEmpty)
            ? "; their email is not trusted (a self-service sign-up), so email-domain rules do not apply to them"
            : "";

    /// The rule that decided, in words.
    public static string Explain(FlagState flag, FlagContext context, Evaluation evaluation, int bucket) => evaluation.Reason switch
    {
        EvaluationReason.FlagNotFound => "no such flag",
        EvaluationReason.Disabled => "the flag is switched off (kill switch)",
        EvaluationReason.TargetingMatch when evaluation.Segment is { } name =>
            $"segment {name} ({flag.Segments.First(s => s.Name == name).Explain(context)})",
        EvaluationReason.TargetingMatch => evaluation.Enabled ? "a beta user (listed on the flag)" : "blocked on purpose (listed on the flag)",
        EvaluationReason.TierExcluded =>
            $"tier {context.Tier.ToName()} is not among the flag's tiers ({string.Join(", ", flag.AllowedTiers.Select(t => t.ToName()))})",
        _ => evaluation.Enabled
            ? $"bucket {bucket} is within the {flag.RolloutPercentage} % rollout"
            : $"bucket {bucket} is above the {flag.RolloutPercentage} % rollout",
    };

    /// Reloads this node from the database and tells every other node to do the same.
    private static async Task<Ok<CacheClearedResponse>> ClearCache(
        HttpContext http, FlagPropagation propagation, FlagSnapshotStore store, AuditLog audit, UnbuiltDbContext db,
        CancellationToken ct)
    {
        await propagation.AfterCommitAsync(null);
        audit.Record("feature_flag.cache_clear", AuditSeverity.Info, true, http.User.UserId(), "feature_flag");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new CacheClearedResponse(store.Current.Count, store.ReloadCount, store.LastReloadedAt));
    }
}

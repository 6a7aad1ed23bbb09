using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Accounts;
using Unbuilt.Api;
using Unbuilt.Data;

namespace Unbuilt.Flags;

/// The guide's admin API: list, read, create or update, patch, set the percentage, add and remove users.
public static class FlagAdminApi
{
    public static void MapFlagAdmin(this IEndpointRouteBuilder app)
    {
        var flags = app.MapAdminFlags();
        flags.MapGet("/", List);
        flags.MapGet("/{name}", Get);
        flags.MapPost("/", Upsert);
        flags.MapPatch("/{name}", Patch);
        flags.MapPatch("/{name}/rollout", SetRollout);
        flags.MapPost("/{name}/users", AddUser);
        flags.MapDelete("/{name}/users/{userId:int}", RemoveUser);
    }

    public static ProblemHttpResult FlagNotFound(string name) => Problems.NotFound($"There is no feature flag '{name}'.");

    private static async Task<Ok<List<FlagResponse>>> List(UnbuiltDbContext db, CancellationToken ct)
    {
        var flags = await db.FeatureFlags.AsNoTracking().OrderBy(f => f.Name).ToListAsync(ct);
        var blocked = (await db.UserFeatureFlags.AsNoTracking().Where(e => !e.Enabled)
            .Select(e => new { e.FeatureFlagId, e.UserId }).ToListAsync(ct)).ToLookup(e => e.FeatureFlagId, e => e.UserId);
        return TypedResults.Ok(flags.Select(f => f.AsResponse(blocked[f.Id].Order())).ToList());
    }

    private static async Task<Results<Ok<FlagResponse>, ProblemHttpResult>> Get(string name, UnbuiltDbContext db, CancellationToken ct)
    {
        var flag = await db.FeatureFlags.AsNoTracking().FirstOrDefaultAsync(f => f.Name == name, ct);
        if (flag is null) return FlagNotFound(name);
        var blocked = await db.UserFeatureFlags.Where(e => e.FeatureFlagId == flag.Id && !e.Enabled)
            .Select(e => e.UserId).OrderBy(id => id).ToListAsync(ct);
        return TypedResults.Ok(flag.AsResponse(blocked));
    }

    private static async Task<Results<Created<FlagResponse>, Ok<FlagResponse>, ValidationProblem>> Upsert(
        UpsertFlagRequest request, HttpContext http, FlagChanges changes, UnbuiltDbContext db, CancellationToken ct)
    {
        var fields = new PatchFlagRequest(request.Description, request.Enabled, request.RolloutPercentage,
            request.AllowedTiers, request.AllowedUserIds, request.GuardPolicy, request.RolloutPlan, request.Reason);
        var (update, errors) = await FlagUpdate.ValidateAsync(fields, new FieldErrors().Name(request.Name), db, ct);
        if (errors.Any) return errors.ToProblem();

        await using var edit = await changes.BeginOrCreateAsync(request.Name!, ct);
        update.ApplyTo(edit);
        await edit.CommitAsync(edit.IsNew ? "create" : "update", FlagActor.From(http), request.Reason, ct);
        return edit.IsNew
            ? TypedResults.Created($"/api/feature-flags/{edit.Flag.Name}", edit.AsResponse())
            : TypedResults.Ok(edit.AsResponse());
    }

    private static async Task<Results<Ok<FlagResponse>, ProblemHttpResult, ValidationProblem>> Patch(
        string name, PatchFlagRequest request, HttpContext http, FlagChanges changes, UnbuiltDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.IsEmpty) errors.Add("body", "Send at least one field to change.");
        var (update, _) = await FlagUpdate.ValidateAsync(request, errors, db, ct);
        if (errors.Any) return errors.ToProblem();

        await using var edit = await changes.BeginAsync(name, ct);
        if (edit is null) return FlagNotFound(name);
        update.ApplyTo(edit);
        await edit.CommitAsync("update", FlagActor.From(http), request.Reason, ct);
        return TypedResults.Ok(edit.AsResponse());
    }

    private static async Task<Results<Ok<FlagResponse>, ProblemHttpResult, ValidationProblem>> SetRollout(
        string name, RolloutRequest request, HttpContext http, FlagChanges changes, CancellationToken ct)
    {
        var errors = new FieldErrors().Percentage("percentage", request.Percentage).Texts(null, request.Reason);
        if (request.Percentage is null) errors.Add("percentage", "percentage is required (0–100).");
        if (errors.Any) return errors.ToProblem();

        await using var edit = await changes.BeginAsync(name, ct);
        if (edit is null) return FlagNotFound(name);
        edit.Flag.RolloutPercentage = request.Percentage!.Value;
        await edit.CommitAsync("rollout", FlagActor.From(http), request.Reason, ct);
        return TypedResults.Ok(edit.AsResponse());
    }

    private static async Task<Results<Ok<FlagResponse>, ProblemHttpResult, ValidationProblem>> AddUser(
        string name, AddUserRequest request, HttpContext http, FlagChanges changes, UnbuiltDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors().Texts(null, request.Reason);
        if (request.UserId is null) errors.Add("userId", "userId is required.");
        if (errors.Any) return errors.ToProblem();
        var userId = request.UserId!.Value;
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) return Problems.NotFound($"There is no user {userId}.");

        await using var edit = await changes.BeginAsync(name, ct);
        if (edit is null) return FlagNotFound(name);
        var enabled = request.Enabled ?? true;
        edit.SetUser(userId, enabled);
        await edit.CommitAsync(enabled ? "add_user" : "block_user", FlagActor.From(http), request.Reason, ct);
        return TypedResults.Ok(edit.AsResponse());
    }

    private static async Task<Results<Ok<FlagResponse>, ProblemHttpResult, ValidationProblem>> RemoveUser(
        string name, int userId, string? reason, HttpContext http, FlagChanges changes, CancellationToken ct)
    {
        var errors = new FieldErrors().Texts(null, reason);
        if (errors.Any) return errors.ToProblem();
        await using var edit = await changes.BeginAsync(name, ct);
        if (edit is null) return FlagNotFound(name);
        if (!edit.RemoveUser(userId)) return Problems.NotFound($"User {userId} has no entry on feature flag '{name}'.");
        await edit.CommitAsync("remove_user", FlagActor.From(http), reason, ct);
        return TypedResults.Ok(edit.AsResponse());
    }
}

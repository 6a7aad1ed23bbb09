using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.FlagEngine;

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
        flags.MapPut("/{name}/phases/{phase}/segments", SetPhaseSegments);
        flags.MapPost("/{name}/users", AddUser);
        flags.MapDelete("/{name}/users/{userId:int}", RemoveUser);
    }

    public static ProblemHttpResult FlagNotFound(string name) => Problems.NotFound($"There is no feature flag '{name}'.");

    /// A 409 with a named `code` a client can act on (FLAG_EXISTS, FLAG_ARCHIVED, FLAG_NOT_ARCHIVED, FLAG_IN_USE).
    public static ProblemHttpResult Conflict(string code, string detail, IDictionary<string, object?>? more = null)
    {
        var extensions = new Dictionary<string, object?>(more ?? new Dictionary<string, object?>()) { ["code"] = code };
        return Problems.Conflict(detail, extensions);
    }

    /// Live flags by name; with `archived=true` the archived ones too (state `archived`). Each live flag's health is
    /// read as `status` reads it (one read per flag: an admin list of a few dozen flags).
    private static async Task<Ok<List<FlagResponse>>> List(bool? archived, UnbuiltDbContext db, FlagUsage usage,
        IOptions<FlagOptions> options, TimeProvider clock, IServiceProvider services, CancellationToken ct)
    {
        var query = db.FeatureFlags.AsNoTracking();
        if (archived != true) query = query.Where(f => f.ArchivedAt == null);
        var flags = await query.OrderBy(f => f.Name).ToListAsync(ct);
        var blocked = (await db.UserFeatureFlags.AsNoTracking().Where(e => !e.Enabled)
            .Select(e => new { e.FeatureFlagId, e.UserId }).ToListAsync(ct)).ToLookup(e => e.FeatureFlagId, e => e.UserId);
        var readiness = new Readiness(clock.StoredNow(), options.Value.ReadyToRemoveAfterDays);
        var health = services.GetService<IFlagHealth>();
        var answers = new List<FlagResponse>(flags.Count);
        foreach (var f in flags)
        {
            var healthOf = health is null || f.ArchivedAt is not null ? null : await health.HealthAsync(f, ct);
            answers.Add(f.AsResponse(blocked[f.Id].Order(), readiness, usage.Pending(f.Name), healthOf));
        }
        return TypedResults.Ok(answers);
    }

    private static async Task<Results<Ok<FlagResponse>, ProblemHttpResult>> Get(string name, UnbuiltDbContext db,
        FlagUsage usage, IOptions<FlagOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var flag = await db.FeatureFlags.AsNoTracking().FirstOrDefaultAsync(f => f.Name == name, ct);
        if (flag is null) return FlagNotFound(name);
        var blocked = await db.UserFeatureFlags.Where(e => e.FeatureFlagId == flag.Id && !e.Enabled)
            .Select(e => e.UserId).OrderBy(id => id).ToListAsync(ct);
        return TypedResults.Ok(flag.AsResponse(blocked, new Readiness(clock.StoredNow(), options.Value.ReadyToRemoveAfterDays),
            usage.Pending(name)));
    }

    /// Creates the flag or updates it. With `If-None-Match: *` it only creates: a taken name is 409 FLAG_EXISTS.
    private static async Task<Results<Created<FlagResponse>, Ok<FlagResponse>, ProblemHttpResult, ValidationProblem>> Upsert(
        UpsertFlagRequest request, HttpContext http, FlagChanges changes, UnbuiltDbContext db, IOptions<SegmentOptions> limits,
        CancellationToken ct)
    {
        var fields = new PatchFlagRequest(request.Description, request.Enabled, request.RolloutPercentage,
            request.AllowedTiers, request.AllowedUserIds, request.GuardPolicy, request.RolloutPlan, request.Reason, request.Segments);
        var errors = new FieldErrors().Name(request.Name);
        var ifNoneMatch = http.Request.Headers.IfNoneMatch.ToString();
        var createOnly = ifNoneMatch.Trim() == "*";
        if (ifNoneMatch.Length > 0 && !createOnly)
            errors.Add("If-None-Match", "If-None-Match: * (create only) is the only value this route understands.");
        var (update, _) = await FlagUpdate.ValidateAsync(fields, errors, db, limits.Value, ct);
        if (errors.Any) return errors.ToProblem();

        if (createOnly && await db.FeatureFlags.AnyAsync(f => f.Name == request.Name, ct)) return Taken(request.Name!);
        await using var edit = await changes.BeginOrCreateAsync(request.Name!, ct);
        if (createOnly && !edit.IsNew) return Taken(request.Name!);
        update.ApplyTo(edit);
        await edit.CommitAsync(edit.IsNew ? "create" : "update", FlagActor.From(http), request.Reason, ct);
        return edit.IsNew
            ? TypedResults.Created($"/api/feature-flags/{edit.Flag.Name}", edit.AsResponse())
            : TypedResults.Ok(edit.AsResponse());
    }

    private static ProblemHttpResult Taken(string name) => Conflict("FLAG_EXISTS",
        $"A feature flag named '{name}' already exists (perhaps archived: list with ?archived=true); choose another name.",
        new Dictionary<string, object?> { ["flag"] = name });

    private static async Task<Results<Ok<FlagResponse>, ProblemHttpResult, ValidationProblem>> Patch(
        string name, PatchFlagRequest request, HttpContext http, FlagChanges changes, UnbuiltDbContext db,
        IOptions<SegmentOptions> limits, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.IsEmpty) errors.Add("body", "Send at least one field to change.");
        var (update, _) = await FlagUpdate.ValidateAsync(request, errors, db, limits.Value, ct);
        if (errors.Any) return errors.ToProblem();

        await using var edit = await changes.BeginAsync(name, ct);
        if (edit is null) return FlagNotFound(name);
        update.ApplyTo(edit);
        await edit.CommitAsync(ActionOf(request), FlagActor.From(http), request.Reason, ct);
        return TypedResults.Ok(edit.AsResponse());
    }

    /// A PATCH of the description alone is `describe`, of the guard policy alone `guard_policy`; others `update`.
    private static string ActionOf(PatchFlagRequest request) => request switch
    {
        { Description: not null } when request with { Description = null } is { IsEmpty: true } => "describe",
        { GuardPolicy: not null } when request with { GuardPolicy = null } is { IsEmpty: true } => "guard_policy",
        _ => "update",
    };

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

    /// Sets the segments one phase of the flag's plan targets; a flag on the default plan gets a plan of its own, the
    /// default with that change. The flag's own segments change when the phase is next deployed, as with any other
    /// edit of the plan.
    private static async Task<Results<Ok<FlagResponse>, ProblemHttpResult, ValidationProblem>> SetPhaseSegments(
        string name, string phase, PhaseSegmentsRequest request, HttpContext http, FlagChanges changes, UnbuiltDbContext db,
        IOptions<SegmentOptions> limits, CancellationToken ct)
    {
        var errors = new FieldErrors().Texts(null, request.Reason);
        if (request.Segments is null) errors.Add("segments", "segments is required: the names of the segments the phase targets ([] for none).");
        var segments = await SegmentRules.NamesAsync(errors, "segments", request.Segments, limits.Value, db, ct);
        if (errors.Any) return errors.ToProblem();

        await using var edit = await changes.BeginAsync(name, ct);
        if (edit is null) return FlagNotFound(name);
        var plan = edit.Plan;
        if (plan.Find(phase) is not { } target)
            return Problems.NotFound($"The rollout plan of '{name}' has no phase '{phase}' (its phases: {string.Join(", ", plan.Phases.Select(p => p.Name))}).");
        RolloutPlan changed;
        try
        {
            changed = new RolloutPlan(plan.Phases.Select(p => p == target ? p.WithSegments(segments!) : p));
        }
        catch (ArgumentException e)
        {
            errors.Add("segments", e.Message);
            return errors.ToProblem();
        }
        edit.SetPlan(changed);
        await edit.CommitAsync("update", FlagActor.From(http), request.Reason, ct);
        return TypedResults.Ok(edit.AsResponse());
    }

    private static async Task<Results<Ok<FlagResponse>, ProblemHttpResult, ValidationProblem>> AddUser(
        string name, AddUserRequest request, HttpContext http, FlagChanges changes, UnbuiltDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors().Texts(null, request.Reason);
        if (request.UserId is null) errors.Add("userId", "userId is required.");
        if (errors.Any) return errors.ToProblem();
        var userId = request.UserId!.Value;
        var words = await PersonAsync(db, userId, ct);
        if (words is null) return Problems.NotFound($"There is no user {userId}.");

        await using var edit = await changes.BeginAsync(name, ct);
        if (edit is null) return FlagNotFound(name);
        var enabled = request.Enabled ?? true;
        edit.SetUser(userId, enabled);
        edit.About(userId, words);
        await edit.CommitAsync(enabled ? "add_user" : "block_user", FlagActor.From(http), request.Reason, ct);
        return TypedResults.Ok(edit.AsResponse());
    }

    private static async Task<Results<Ok<FlagResponse>, ProblemHttpResult, ValidationProblem>> RemoveUser(
        string name, int userId, string? reason, HttpContext http, FlagChanges changes, UnbuiltDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors().Texts(null, reason);
        if (errors.Any) return errors.ToProblem();
        var words = await PersonAsync(db, userId, ct) ?? $"user {userId}";
        await using var edit = await changes.BeginAsync(name, ct);
        if (edit is null) return FlagNotFound(name);
        if (!edit.RemoveUser(userId)) return Problems.NotFound($"User {userId} has no entry on feature flag '{name}'.");
        edit.About(userId, words);
        await edit.CommitAsync("remove_user", FlagActor.From(http), reason, ct);
        return TypedResults.Ok(edit.AsResponse());
    }

    /// A user as history names them, "Name (email)", or null when there is no such user.
    private static async Task<string?> PersonAsync(UnbuiltDbContext db, int userId, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName + " (" + u.Email + ")")
            .FirstOrDefaultAsync(ct);
}

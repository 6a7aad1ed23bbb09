using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Unbuilt.Accounts;
using Unbuilt.Api;
using Unbuilt.Audit;
using Unbuilt.Data;
using Unbuilt.Data.Flags;

namespace Unbuilt.Flags;

/// /api/segments, for administrators: list, create, change and delete the named targeting rules that flags and
/// rollout phases target. Every change is written with a segment_changes row (before, after, actor, reason) and an
/// audit row, then every node reloads its flags so evaluation follows at once.
public static class SegmentApi
{
    public static void MapSegments(this IEndpointRouteBuilder app)
    {
        var segments = app.MapGroup("/api/segments").RequireAuthorization(AccountsSetup.AdminPolicy).WithTags("Segments");
        segments.MapGet("/", List);
        segments.MapPost("/", Create);
        segments.MapPatch("/{id:int}", Patch);
        segments.MapDelete("/{id:int}", Delete);
        segments.MapGet("/{id:int}/history", History);
    }

    private static ProblemHttpResult NotFound(int id) => Problems.NotFound($"There is no segment {id}.");

    private static async Task<Ok<List<SegmentResponse>>> List(UnbuiltDbContext db, CancellationToken ct)
    {
        var rows = await db.Segments.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var flags = await db.FeatureFlags.AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(rows.Select(row => row.AsResponse(SegmentRules.UsersOf(row.Name, flags))).ToList());
    }

    private static async Task<Results<Created<SegmentResponse>, ProblemHttpResult, ValidationProblem>> Create(
        CreateSegmentRequest request, HttpContext http, UnbuiltDbContext db, IOptions<SegmentOptions> options,
        SegmentChanges changes, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(request.Name)) errors.Add("name", "name is required.");
        else if (!FlagRules.IsName(request.Name)) errors.Add("name", "name must be 1–100 characters of a–z, 0–9 and _.");
        var row = new UserSegment { Name = request.Name ?? "" };
        await SegmentRules.ValidateAsync(errors, row, request.Description, request.UserIds, request.EmailDomains,
            request.Tiers, request.MinAccountAgeDays, request.Reason, options.Value, db, ct);
        if (errors.Any) return errors.ToProblem();
        if (await db.Segments.CountAsync(ct) >= options.Value.MaxSegments)
            return Problems.LimitReached("segments", options.Value.MaxSegments, "segments", "Unbuilt:Segments:MaxSegments");
        if (await db.Segments.AnyAsync(s => s.Name == row.Name, ct)) return Taken(row.Name);
        try
        {
            await changes.CommitAsync(row, null, "create", FlagActor.From(http), request.Reason, ct);
        }
        catch (DbUpdateException)
        {
            return Taken(row.Name); // created by another request between the check and the insert
        }
        return TypedResults.Created($"/api/segments/{row.Id}", row.AsResponse([]));
    }

    private static ProblemHttpResult Taken(string name) => FlagAdminApi.Conflict("SEGMENT_EXISTS",
        $"A segment named '{name}' already exists; choose another name.", new Dictionary<string, object?> { ["segment"] = name });

    private static async Task<Results<Ok<SegmentResponse>, ProblemHttpResult, ValidationProblem>> Patch(
        int id, PatchSegmentRequest request, HttpContext http, UnbuiltDbContext db, IOptions<SegmentOptions> options,
        SegmentChanges changes, CancellationToken ct)
    {
        var row = await db.Segments.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (row is null) return NotFound(id);
        var before = SegmentRecord.Of(row).ToJson();
        var errors = new FieldErrors();
        if (request.IsEmpty) errors.Add("body", "Send at least one field to change.");
        if (request.Name is not null && request.Name != row.Name)
            errors.Add("name", "A segment's name cannot change: flags and phases refer to it by name. Create a segment " +
                "with the new name, move the flags to it, then delete this one.");
        await SegmentRules.ValidateAsync(errors, row, request.Description, request.UserIds, request.EmailDomains,
            request.Tiers, request.MinAccountAgeDays, request.Reason, options.Value, db, ct);
        if (errors.Any) return errors.ToProblem();
        await changes.CommitAsync(row, before, "update", FlagActor.From(http), request.Reason, ct);
        var flags = await db.FeatureFlags.AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(row.AsResponse(SegmentRules.UsersOf(row.Name, flags)));
    }

    /// A segment that a flag or a plan phase targets cannot go: 409 SEGMENT_IN_USE names them.
    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Delete(
        int id, string? reason, HttpContext http, UnbuiltDbContext db, SegmentChanges changes, CancellationToken ct)
    {
        var errors = new FieldErrors().Texts(null, reason);
        if (errors.Any) return errors.ToProblem();
        var row = await db.Segments.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (row is null) return NotFound(id);
        var users = SegmentRules.UsersOf(row.Name, await db.FeatureFlags.AsNoTracking().ToListAsync(ct));
        if (users.Count > 0)
            return FlagAdminApi.Conflict("SEGMENT_IN_USE",
                $"Segment '{row.Name}' is targeted by {string.Join(", ", users)}; remove it there first.",
                new Dictionary<string, object?> { ["segment"] = row.Name, ["usedBy"] = users });
        await changes.CommitAsync(row, SegmentRecord.Of(row).ToJson(), "delete", FlagActor.From(http), reason, ct, deleting: true);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<SegmentChangeResponse>>, ProblemHttpResult>> History(
        int id, UnbuiltDbContext db, CancellationToken ct)
    {
        if (!await db.Segments.AnyAsync(s => s.Id == id, ct)) return NotFound(id);
        var rows = await db.SegmentChanges.AsNoTracking().Where(c => c.SegmentId == id).OrderByDescending(c => c.Id).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(c =>
        {
            var before = c.Before is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(c.Before);
            var after = JsonSerializer.Deserialize<JsonElement>(c.After);
            return new SegmentChangeResponse(c.Id, c.Action, c.Actor, c.ActorUserId, c.Reason, before, after, c.CreatedAt,
                FlagMapping.Diff(before, after));
        }).ToList());
    }

    public static SegmentResponse AsResponse(this UserSegment row, IReadOnlyList<string> usedBy) => new(row.Id, row.Name,
        row.Description, row.UserIds, row.EmailDomains, row.Tiers, row.MinAccountAgeDays, row.CreatedAt, row.UpdatedAt, usedBy);
}

/// A segment as segment_changes keeps it before and after a change (id and timestamps aside).
public sealed record SegmentRecord(string Name, string Description, IReadOnlyList<int> UserIds,
    IReadOnlyList<string> EmailDomains, IReadOnlyList<string> Tiers, int? MinAccountAgeDays)
{
    public static SegmentRecord Of(UserSegment row) =>
        new(row.Name, row.Description, [.. row.UserIds], [.. row.EmailDomains], [.. row.Tiers], row.MinAccountAgeDays);

    public string ToJson() => JsonSerializer.Serialize(this, FlagRecord.Json);
}

/// Writes a segment change with its history and audit rows in one commit, then has every node reload its flags.
public sealed class SegmentChanges(UnbuiltDbContext db, AuditLog audit, FlagPropagation propagation, TimeProvider clock)
{
    /// before: the record's JSON before the change (null for a create). A change that changes nothing writes nothing.
    public async Task CommitAsync(UserSegment row, string? before, string action, FlagActor actor, string? reason,
        CancellationToken ct, bool deleting = false)
    {
        var after = deleting ? "null" : SegmentRecord.Of(row).ToJson();
        if (after == before) return;
        var now = clock.StoredNow();
        if (before is null) (row.CreatedAt, row.UpdatedAt) = (now, now);
        else row.UpdatedAt = now;
        var change = new SegmentChange
        {
            SegmentName = row.Name, Action = action, ActorUserId = actor.UserId, Actor = actor.Name, Reason = reason,
            Before = before, After = after, CreatedAt = now,
        };
        if (deleting) db.Segments.Remove(row);
        else if (before is null) db.Segments.Add(row);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct); // the row first, so a new segment's change can name its id
        if (!deleting) change.SegmentId = row.Id;
        db.SegmentChanges.Add(change);
        audit.Record($"segment.{action}", AuditSeverity.Info, true, actor.UserId, "segment", row.Name, new { actor = actor.Name, reason });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await propagation.AfterCommitAsync(null);
    }
}

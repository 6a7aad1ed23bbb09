using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Unbuilt.Api;
using Unbuilt.Data;

namespace Unbuilt.Flags;

/// The end of a flag's life: archive (it evaluates as not found everywhere and leaves the list), restore, and delete
/// once archived and unused for Unbuilt:Flags:DeleteAfterUnusedDays. Each is a change in the flag's history.
public static class FlagLifecycleApi
{
    public static void MapFlagLifecycle(this IEndpointRouteBuilder app)
    {
        var flags = app.MapAdminFlags();
        flags.MapPost("/{name}/archive", Archive);
        flags.MapPost("/{name}/restore", Restore);
        flags.MapDelete("/{name}", Delete);
    }

    private static async Task<Results<Ok<FlagResponse>, ProblemHttpResult, ValidationProblem>> Archive(
        string name, ReasonRequest? request, HttpContext http, FlagChanges changes, CancellationToken ct)
    {
        var errors = new FieldErrors().Texts(null, request?.Reason);
        if (errors.Any) return errors.ToProblem();
        await using var edit = await changes.BeginLifecycleAsync(name, ct);
        if (edit is null) return FlagAdminApi.FlagNotFound(name);
        edit.Archive();
        await edit.CommitAsync("archive", FlagActor.From(http), request?.Reason, ct);
        return TypedResults.Ok(edit.AsResponse());
    }

    private static async Task<Results<Ok<FlagResponse>, ProblemHttpResult, ValidationProblem>> Restore(
        string name, ReasonRequest? request, HttpContext http, FlagChanges changes, CancellationToken ct)
    {
        var errors = new FieldErrors().Texts(null, request?.Reason);
        if (errors.Any) return errors.ToProblem();
        await using var edit = await changes.BeginLifecycleAsync(name, ct);
        if (edit is null) return FlagAdminApi.FlagNotFound(name);
        edit.Restore();
        await edit.CommitAsync("restore", FlagActor.From(http), request?.Reason, ct);
        return TypedResults.Ok(edit.AsResponse());
    }

    /// 204 once deleted; 409 FLAG_NOT_ARCHIVED or FLAG_IN_USE (with `deletableAt`) says why not yet.
    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Delete(
        string name, string? reason, HttpContext http, FlagChanges changes, FlagUsage usage, IOptions<FlagOptions> options,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors().Texts(null, reason);
        if (errors.Any) return errors.ToProblem();
        await using var edit = await changes.BeginLifecycleAsync(name, ct);
        if (edit is null) return FlagAdminApi.FlagNotFound(name);
        var days = options.Value.DeleteAfterUnusedDays;
        if (edit.Flag.ArchivedAt is null)
            return FlagAdminApi.Conflict("FLAG_NOT_ARCHIVED",
                $"Feature flag '{name}' is live; archive it first. It can be deleted once archived and not evaluated " +
                $"for {days} days (Unbuilt:Flags:DeleteAfterUnusedDays).");
        var lastEvaluated = Latest(edit.Flag.LastEvaluatedAt, usage.Pending(name));
        var deletableAt = lastEvaluated?.AddDays(days);
        if (deletableAt is { } at && at > clock.StoredNow())
            return FlagAdminApi.Conflict("FLAG_IN_USE",
                $"Feature flag '{name}' was last evaluated at {Iso(lastEvaluated!.Value)}, so code may still ask for it; " +
                $"it can be deleted from {Iso(at)}, after {days} days without an evaluation (Unbuilt:Flags:DeleteAfterUnusedDays).",
                new Dictionary<string, object?> { ["lastEvaluatedAt"] = lastEvaluated, ["deletableAt"] = at });
        edit.Delete();
        await edit.CommitAsync("delete", FlagActor.From(http), reason, ct);
        return TypedResults.NoContent();
    }

    private static DateTime? Latest(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static string Iso(DateTime time) => time.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

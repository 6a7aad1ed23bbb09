using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Unbuilt.Plans.Access;
using Unbuilt.Accounts;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Flags;
using Unbuilt.Plans;

namespace Unbuilt.Rollout;

/// Progressive rollout over the admin API: init, deploy a phase, advance past a health gate, roll back.
public static class RolloutApi
{
    /// The description `init` gives the flag the product ships behind.
    public const string DefaultDescription =
        "Action plans: edit, complete, reorder and link tasks, track progress, undo and export.";

    public static void MapRolloutChanges(this IEndpointRouteBuilder app)
    {
        var flags = app.MapAdminFlags();
        flags.MapPost("/{name}/init", Init);
        flags.MapPost("/{name}/deploy", Deploy);
        flags.MapPost("/{name}/rollback", Rollback);
        flags.MapPost("/{name}/advance", Advance);
    }

    /// Creates the flag off, at 0%, for all tiers, with no users, if it is missing; an existing flag is left alone.
    private static async Task<Results<Created<InitResponse>, Ok<InitResponse>, ValidationProblem>> Init(
        string name, ReasonRequest? request, HttpContext http, FlagChanges changes, CancellationToken ct)
    {
        var errors = new FieldErrors().Name(name).Texts(request?.Description, request?.Reason);
        if (errors.Any) return errors.ToProblem();

        await using var edit = await changes.BeginOrCreateAsync(name, ct);
        if (!edit.IsNew) return TypedResults.Ok(new InitResponse(false, edit.AsResponse()));
        edit.Flag.Description = request?.Description ?? (name == PlanFeature.Name ? DefaultDescription : "");
        await edit.CommitAsync("init", FlagActor.From(http), request?.Reason, ct);
        return TypedResults.Created($"/api/feature-flags/{name}", new InitResponse(true, edit.AsResponse()));
    }

    /// Sets the switch, percentage and tiers of a phase of the flag's plan; beta users stay.
    private static async Task<Results<Ok<FlagResponse>, ProblemHttpResult, ValidationProblem>> Deploy(
        string name, DeployRequest request, HttpContext http, FlagChanges changes, CancellationToken ct)
    {
        var errors = new FieldErrors().Texts(null, request.Reason);
        if (string.IsNullOrWhiteSpace(request.Phase)) errors.Add("phase", "phase is required.");
        if (errors.Any) return errors.ToProblem();

        await using var edit = await changes.BeginAsync(name, ct);
        if (edit is null) return AdminFlagNotFound(name);
        var phase = edit.Plan.Find(request.Phase!.Trim());
        if (phase is null)
            return new FieldErrors().Add("phase", $"Unknown phase '{request.Phase}'; valid phases are " +
                $"{string.Join(", ", edit.Plan.Phases.Select(p => p.Name))}.").ToProblem();
        edit.Deploy(phase);
        await edit.CommitAsync("deploy", FlagActor.From(http), Join($"deploy {phase.Name}", request.Reason), ct);
        return TypedResults.Ok(edit.AsResponse());
    }

    /// Switches the flag off for everyone, beta users included; percentage, tiers and users stay for a restore.
    private static async Task<Results<Ok<FlagResponse>, ProblemHttpResult, ValidationProblem>> Rollback(
        string name, ReasonRequest? request, HttpContext http, FlagChanges changes, CancellationToken ct)
    {
        var errors = new FieldErrors().Texts(null, request?.Reason);
        if (errors.Any) return errors.ToProblem();
        await using var edit = await changes.BeginAsync(name, ct);
        if (edit is null) return AdminFlagNotFound(name);
        edit.Rollback();
        await edit.CommitAsync("rollback", FlagActor.From(http), request?.Reason, ct);
        return TypedResults.Ok(edit.AsResponse());
    }

    /// Deploys the next phase once the current one has shown enough healthy traffic (its health gate, over at least
    /// Unbuilt:Rollout:MinSamples requests) for its planned duration; or with force, which the change's reason
    /// records along with what it overrode.
    private static async Task<Results<Ok<FlagResponse>, ProblemHttpResult, ValidationProblem>> Advance(
        string name, AdvanceRequest? request, HttpContext http, PhaseAdvance advance, CancellationToken ct)
    {
        var errors = new FieldErrors().Texts(null, request?.Reason);
        if (errors.Any) return errors.ToProblem();
        return await advance.AdvanceAsync(name, request?.Force ?? false, FlagActor.From(http), request?.Reason, ct) switch
        {
            AdvanceOutcome.Advanced advanced => TypedResults.Ok(advanced.Flag),
            AdvanceOutcome.Refused refused => refused.Check.Refusal(name),
            AdvanceOutcome.NoPhase none => Problems.Conflict($"Feature flag '{name}' is in no phase of its plan ({none.Phase}); deploy a phase first."),
            AdvanceOutcome.LastPhase last => Problems.Conflict($"Feature flag '{name}' is already in its last phase, {last.Phase}."),
            AdvanceOutcome.Changed => Problems.Conflict($"Feature flag '{name}' changed phase while its health was read; look at its status and try again."),
            _ => AdminFlagNotFound(name),
        };
    }

    private static ProblemHttpResult AdminFlagNotFound(string name) => FlagAdminApi.FlagNotFound(name);

    /// A change's reason in history: what the route did, then the person's why when they gave one.
    internal static string Join(string what, string? why) => string.IsNullOrWhiteSpace(why) ? what : $"{what}: {why}";
}

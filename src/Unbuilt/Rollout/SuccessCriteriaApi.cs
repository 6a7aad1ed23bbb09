using Microsoft.AspNetCore.Http.HttpResults;
using Unbuilt.Flags;

namespace Unbuilt.Rollout;

/// GET /api/feature-flags/{name}/criteria (`unbuilt flags criteria`): every phase of the flag's rollout with its
/// window and its success criteria, newest (the current phase) first.
public static class SuccessCriteriaApi
{
    public static void MapSuccessCriteria(this IEndpointRouteBuilder app) =>
        app.MapAdminFlags().MapGet("/{name}/criteria", Criteria);

    private static async Task<Results<Ok<CriteriaResponse>, ProblemHttpResult>> Criteria(
        string name, SuccessCriteria criteria, CancellationToken ct) =>
        await criteria.ForPhasesAsync(name, ct) is { } phases
            ? TypedResults.Ok(new CriteriaResponse(name, phases))
            : FlagAdminApi.FlagNotFound(name);
}

using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unbuilt.Accounts;
using Unbuilt.FlagEngine;

namespace Unbuilt.Flags;

/// What any signed-in user may ask: is this feature on for me, and which features are.
public static class FlagCheckApi
{
    public static void MapFlagChecks(this IEndpointRouteBuilder app)
    {
        var flags = app.MapGroup("/api/feature-flags").RequireAuthorization().WithTags("Feature flags");
        flags.MapGet("/check/{name}", (string name, HttpContext http, FlagSnapshotStore store, TimeProvider clock) =>
        {
            var evaluation = store.Evaluate(name, http.User.FlagContext(clock));
            return TypedResults.Ok(new CheckResponse(evaluation.Enabled, evaluation.ReasonName));
        });
        flags.MapGet("/user/features", (HttpContext http, FlagSnapshotStore store, TimeProvider clock) =>
        {
            var context = http.User.FlagContext(clock);
            var snapshot = store.Current;
            return TypedResults.Ok(new FeaturesResponse(
                [.. snapshot.Flags.Where(flag => FlagEvaluator.Evaluate(flag, context).Enabled).Select(flag => flag.Name)]));
        });
    }
}

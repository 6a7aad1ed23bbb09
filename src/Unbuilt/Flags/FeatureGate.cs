namespace Unbuilt.Flags;

/// Closes endpoints to callers for whom a flag is off: 404 problem details naming the feature and the reason, as
/// if the routes did not exist. A middleware rather than an endpoint filter, so the gate answers before the
/// request body is bound: a caller the flag shuts out learns nothing about what the endpoint would accept.
/// Evaluated from the in-memory snapshot, so it costs no I/O per request.
public static class FeatureGate
{
    public static TBuilder RequireFeature<TBuilder>(this TBuilder builder, string flagName)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(flagName);
        return builder.WithMetadata(new RequiredFeature(flagName));
    }

    /// Place after authorization: only signed-in callers reach a gated endpoint's check.
    public static IApplicationBuilder UseFeatureGates(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var required = context.GetEndpoint()?.Metadata.GetOrderedMetadata<RequiredFeature>();
        if (required is { Count: > 0 })
        {
            var flags = context.RequestServices.GetRequiredService<FlagSnapshotStore>();
            var caller = context.User.FlagContext(context.RequestServices.GetRequiredService<TimeProvider>());
            foreach (var feature in required)
            {
                var evaluation = flags.Evaluate(feature.FlagName, caller);
                if (evaluation.Enabled) continue;
                await TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                    detail: $"The feature '{feature.FlagName}' is not available to you ({evaluation.ReasonName}).",
                    extensions: new Dictionary<string, object?> { ["feature"] = feature.FlagName, ["reason"] = evaluation.ReasonName })
                    .ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    });
}

/// Endpoint metadata naming the flag that gates the endpoint, so the rollout can tell a feature's operations
/// (Rollout/FeatureOperations).
public sealed record RequiredFeature(string FlagName);

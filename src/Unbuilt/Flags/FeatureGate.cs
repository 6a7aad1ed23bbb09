namespace Unbuilt.Flags;

/// Closes endpoints to callers for whom a flag is off: 404 problem details naming the feature and the reason, as
/// if the routes did not exist. Evaluated from the in-memory snapshot, so it costs no I/O per request.
public static class FeatureGate
{
    public static TBuilder RequireFeature<TBuilder>(this TBuilder builder, string flagName)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(flagName);
        return builder.WithMetadata(new RequiredFeature(flagName)).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var evaluation = http.RequestServices.GetRequiredService<FlagSnapshotStore>()
                .Evaluate(flagName, http.User.FlagContext());
            if (evaluation.Enabled) return await next(context);
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: $"The feature '{flagName}' is not available to you ({evaluation.ReasonName}).",
                extensions: new Dictionary<string, object?> { ["feature"] = flagName, ["reason"] = evaluation.ReasonName });
        });
    }
}

/// Endpoint metadata naming the flag that gates the endpoint, so monitoring can tell a feature's operations.
public sealed record RequiredFeature(string FlagName);

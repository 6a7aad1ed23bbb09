using Microsoft.Extensions.Options;
using Unbuilt.Api;

namespace Unbuilt.Monitoring;

/// The `Unbuilt:Chaos` section: FailureRate (0..1) of the named operations (a comma list of event types such as
/// `task_updated`, or `*` for all) answer 503. Off by default; for drills and tests of the rollout guard.
public sealed class ChaosOptions
{
    public const string Section = "Unbuilt:Chaos";

    public double FailureRate { get; set; }

    public string Operations { get; set; } = "";

    public IReadOnlySet<string> OperationSet =>
        Operations.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    public bool IsOn => FailureRate > 0 && OperationSet.Count > 0;
}

/// Fails the drill's operations before their handler runs, so nothing is written. It runs after the feature gate,
/// so callers the gate shuts out still get its 404, as without the drill.
public static partial class ChaosDrill
{
    public static WebApplication UseChaosDrill(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ChaosOptions>>().Value;
        if (options.FailureRate > 0) LogDrillOn(app.Logger, options.FailureRate, options.IsOn ? options.Operations : "(none listed)");
        if (!options.IsOn) return app;
        var operations = options.OperationSet;
        app.Use(async (context, next) =>
        {
            var operation = context.GetEndpoint()?.Metadata.GetMetadata<OperationMetadata>();
            if (operation is null || !(operations.Contains(operation.EventType) || operations.Contains("*"))
                || Random.Shared.NextDouble() >= options.FailureRate)
            {
                await next(context);
                return;
            }
            context.Items[ApiExceptionHandler.ErrorMessageItem] = $"chaos drill: injected failure of {operation.EventType}";
            await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                $"The chaos drill failed this {operation.EventType} on purpose (Unbuilt:Chaos:FailureRate {options.FailureRate}).");
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "CHAOS DRILL ON: {Rate:P0} of these operations will fail with 503 on purpose: {Operations}. Unset Unbuilt:Chaos:FailureRate to stop it.")]
    private static partial void LogDrillOn(ILogger logger, double rate, string operations);
}

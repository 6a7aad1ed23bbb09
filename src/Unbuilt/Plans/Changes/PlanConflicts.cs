namespace Unbuilt.Plans.Changes;

/// Thrown at a change's first write when the plan is no longer at the version the request read: another change to the
/// same plan committed in between, so what this request checked may no longer hold.
public sealed class PlanChangedException(int planId)
    : Exception($"Plan {planId} changed while this request was reading it.")
{
    public int PlanId { get; } = planId;
}

/// Runs a plan request again when another change to the same plan committed between its reads and its first write
/// (PlanChangedException): it reads the new state, checks again and, unless that is now refused, gets the next
/// version. Changes to different plans never conflict. After <see cref="OptimisticAttempts"/> conflicts the request
/// locks the plan before reading (<see cref="LockFirst"/>), so it cannot lose again.
public static class PlanConflicts
{
    public const int OptimisticAttempts = 3;
    private static readonly object LockFirstKey = new();

    public static bool LockFirst(HttpContext http) => http.Items.ContainsKey(LockFirstKey);

    public static TBuilder WithPlanConflictRetry<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await next(context);
                }
                catch (PlanChangedException) when (!LockFirst(context.HttpContext))
                {
                    if (attempt >= OptimisticAttempts) context.HttpContext.Items[LockFirstKey] = true;
                }
            }
        });
}

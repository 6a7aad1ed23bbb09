namespace Unbuilt.Flags;

/// What guarded rollout does when a flag in rollout breaks a threshold (stored in feature_flags.guard_policy).
public static class GuardPolicies
{
    public const string Alert = "alert";
    public const string StepDown = "step-down";
    public const string Rollback = "rollback";

    public static IReadOnlyList<string> All { get; } = [Alert, StepDown, Rollback];

    public static bool IsValid(string? policy) => policy is not null && All.Contains(policy);
}

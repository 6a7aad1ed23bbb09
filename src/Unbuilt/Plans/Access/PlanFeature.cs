namespace Unbuilt.Plans.Access;

/// The feature flag action plans ship behind. Plan routes, the live plan channel and the CLI's rollout commands all
/// name it through this constant.
public static class PlanFeature
{
    public const string Name = "action_plan_customization";
}

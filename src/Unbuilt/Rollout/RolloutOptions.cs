namespace Unbuilt.Rollout;

/// The `Unbuilt:Rollout` section (environment: `Unbuilt__Rollout__MinSamples`): the evidence advancing a phase needs.
public sealed class RolloutOptions
{
    public const string Section = "Unbuilt:Rollout";

    /// Requests of the feature's operations since the phase began below which its health is "unknown", and a phase
    /// with a health gate is not left without force. Apart from Unbuilt:Alerts:MinSamples on purpose: an alert may
    /// speak on little evidence, while an advance shows the feature to more users, so it waits for more.
    public int MinSamples { get; set; } = 100;

    public static bool IsValid(RolloutOptions o) => o.MinSamples >= 1;
}

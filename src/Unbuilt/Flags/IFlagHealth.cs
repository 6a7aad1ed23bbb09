using Unbuilt.Data.Flags;

namespace Unbuilt.Flags;

/// A flag's health for the flag list, in the words `status` uses (none, unknown, healthy, breached). Rollout/ gives
/// it (Flags cannot read rollout health without a dependency cycle); without one the list says null.
public interface IFlagHealth
{
    Task<string> HealthAsync(FeatureFlag flag, CancellationToken ct);
}

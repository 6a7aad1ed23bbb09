using Microsoft.Extensions.Options;
using Unbuilt.Data.Flags;
using Unbuilt.Flags;

namespace Unbuilt.Rollout;

/// Each flag's health in the flag list: its current phase held against its gate since the phase began, exactly as
/// GET …/{name}/status judges it.
public sealed class FlagListHealth(IRolloutHealth health, IOptions<RolloutOptions> rollout, TimeProvider clock) : IFlagHealth
{
    public async Task<string> HealthAsync(FeatureFlag flag, CancellationToken ct)
    {
        var phase = FlagPhases.CurrentPhase(flag, FlagPhases.PlanOf(flag));
        var now = clock.GetUtcNow().UtcDateTime;
        var measured = await health.ReadAsync(flag.Name, flag.PhaseStartedAt ?? now, ct);
        return GateVerdict.For(phase, measured, rollout.Value.MinSamples).Health;
    }
}

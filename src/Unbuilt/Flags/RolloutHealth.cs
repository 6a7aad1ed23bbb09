namespace Unbuilt.Flags;

/// What monitoring observed for a flag's feature since a phase began. Monitoring registers the real one; until
/// then there is no data, and a phase with no data is not held back.
public interface IRolloutHealth
{
    /// The reading for the flag since <paramref name="since"/>, or null when there is no data.
    Task<HealthReading?> ReadAsync(string flagName, DateTime since, CancellationToken ct);
}

public sealed class NoRolloutHealth : IRolloutHealth
{
    public Task<HealthReading?> ReadAsync(string flagName, DateTime since, CancellationToken ct) =>
        Task.FromResult<HealthReading?>(null);
}

/// A phase's health held against its gate: "unknown" (no data), "healthy", "breached", or "none" (no gate).
public sealed record GateVerdict(string Health, IReadOnlyList<string> Breaches, HealthReading? Reading)
{
    public bool AllowsAdvance => Breaches.Count == 0;

    public static GateVerdict For(RolloutPhase? phase, HealthReading? reading)
    {
        if (phase?.HealthGate is not { } gate) return new("none", [], reading);
        if (reading is not { } observed) return new("unknown", [], null);
        var breaches = gate.Breaches(observed);
        return new(breaches.Count == 0 ? "healthy" : "breached", breaches, observed);
    }
}

namespace Unbuilt.Rollout;

/// The `Unbuilt:Guard` section (environment: `Unbuilt__Guard__IntervalSeconds`, …): how often the rollout guard
/// looks at each live flag, and over how long a window (never reaching back before the flag's current phase).
public sealed class GuardOptions
{
    public const string Section = "Unbuilt:Guard";

    public bool Enabled { get; set; } = true;

    public int IntervalSeconds { get; set; } = 60;

    public int WindowSeconds { get; set; } = 900;

    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    public static bool IsValid(GuardOptions o) => o.IntervalSeconds >= 1 && o.WindowSeconds >= 1;
}

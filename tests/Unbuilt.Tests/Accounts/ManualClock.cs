namespace Unbuilt.Tests.Accounts;

/// A clock whose timestamps move only when a test says so (one tick is 100 ns, as in TimeSpan).
internal sealed class ManualClock : TimeProvider
{
    public long Ticks { get; set; } = 1_000_000;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => Ticks;
    public void Advance(TimeSpan by) => Ticks += by.Ticks;
}

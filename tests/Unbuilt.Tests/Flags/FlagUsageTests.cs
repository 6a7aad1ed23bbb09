using System.Diagnostics;
using Unbuilt.Flags;

namespace Unbuilt.Tests.Flags;

/// The in-memory time of a flag's last evaluation (shown as lastEvaluatedAt until it is flushed).
public sealed class FlagUsageTests
{
    [Fact]
    public void One_evaluation_reads_as_the_same_time_however_often_it_is_read()
    {
        var usage = new FlagUsage(TimeProvider.System);
        usage.Track(["action_plan_customization"]);
        usage.Record("action_plan_customization");

        var seen = new HashSet<DateTime?>();
        var reading = Stopwatch.StartNew();
        // Long enough for the wall clock and the tick count to step a millisecond apart many times over.
        while (reading.ElapsedMilliseconds < 50) seen.Add(usage.Pending("action_plan_customization"));

        var at = Assert.Single(seen);
        Assert.NotNull(at);
        Assert.InRange(DateTime.UtcNow - at!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }
}

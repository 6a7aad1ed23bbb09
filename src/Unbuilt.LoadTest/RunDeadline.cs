using System.Diagnostics;

namespace Unbuilt.LoadTest;

/// When the virtual users stop (a Stopwatch timestamp). It starts at the latest the run could end (the longest
/// warm-up plus the measured part) and moves to the measured part's real end once the warm-up is over, which an
/// auto warm-up only knows then.
public sealed class RunDeadline(TimeSpan fromNow)
{
    private long timestamp = At(fromNow);

    public long Timestamp => Volatile.Read(ref timestamp);

    public void MoveTo(TimeSpan fromNow) => Volatile.Write(ref timestamp, At(fromNow));

    private static long At(TimeSpan fromNow) => Stopwatch.GetTimestamp() + (long)(fromNow.TotalSeconds * Stopwatch.Frequency);
}

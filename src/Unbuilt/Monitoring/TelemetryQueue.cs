using System.Threading.Channels;
using Unbuilt.Data.Monitoring;

namespace Unbuilt.Monitoring;

/// Analytics events and per-operation audit rows, queued off the request path. The queue is bounded: when the
/// writer falls behind, new rows are dropped and counted, and no request ever waits for it.
public sealed class TelemetryQueue
{
    public const int Capacity = 20_000;
    private readonly Channel<object> channel = Channel.CreateBounded<object>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });
    private long dropped;

    public long Dropped => Interlocked.Read(ref dropped);

    public int Pending => channel.Reader.Count;

    public void Enqueue(AnalyticsEvent analyticsEvent) => Write(analyticsEvent);

    public void Enqueue(SecurityAuditLog auditRow) => Write(auditRow);

    private void Write(object row)
    {
        if (!channel.Writer.TryWrite(row)) Interlocked.Increment(ref dropped);
    }

    internal ChannelReader<object> Reader => channel.Reader;

    /// No more rows after this; the writer drains what is queued and stops.
    internal void Complete() => channel.Writer.TryComplete();
}

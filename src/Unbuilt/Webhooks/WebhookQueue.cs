using System.Threading.Channels;
using Unbuilt.Monitoring;

namespace Unbuilt.Webhooks;

/// The IOperatorEvents the app publishes to: a bounded in-memory queue the dispatcher drains. Publishing never waits:
/// when the queue is full the event is dropped and logged, so neither a request nor the guard is ever held up.
public sealed partial class WebhookQueue : IOperatorEvents
{
    private readonly Channel<OperatorEvent> events;
    private readonly Channel<bool> doorbell = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ILogger<WebhookQueue> logger;

    public WebhookQueue(Microsoft.Extensions.Options.IOptions<WebhookOptions> options, ILogger<WebhookQueue> logger)
    {
        this.logger = logger;
        events = Channel.CreateBounded<OperatorEvent>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true,
        });
    }

    public void Publish(OperatorEvent operatorEvent)
    {
        if (!events.Writer.TryWrite(operatorEvent)) LogDropped(logger, operatorEvent.Type, operatorEvent.Summary);
    }

    public ChannelReader<OperatorEvent> Events => events.Reader;

    /// Tells the dispatcher there may be something due now (a new delivery, a finished attempt).
    public void Ring() => doorbell.Writer.TryWrite(true);

    /// Waits until rung or until the delay has passed on the given clock.
    public async Task WaitAsync(TimeSpan delay, TimeProvider clock, CancellationToken ct)
    {
        if (doorbell.Reader.TryRead(out _)) return;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var rung = doorbell.Reader.WaitToReadAsync(stop.Token).AsTask();
        var passed = Task.Delay(delay, clock, stop.Token);
        await Task.WhenAny(rung, passed);
        await stop.CancelAsync();
        doorbell.Reader.TryRead(out _);
        ct.ThrowIfCancellationRequested();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook queue full: dropped {Type} ({Summary}); raise Unbuilt:Webhooks:QueueCapacity")]
    private static partial void LogDropped(ILogger logger, string type, string summary);
}

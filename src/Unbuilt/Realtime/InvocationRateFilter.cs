using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;

namespace Unbuilt.Realtime;

/// Every hub method call spends a token from its connection's bucket (`InvocationsPerMinute`): a client that calls
/// faster than that is refused until the bucket refills, and its connection stays open. Registered once for the
/// hub, so a method added later is covered without anyone remembering to.
public sealed class InvocationRateFilter(RealtimeOptions options) : IHubFilter, IDisposable
{
    // One bucket per connection, kept by the partitioned limiter: it refills them all on one timer, and drops a
    // bucket once it has been full for a while, so a closed connection's bucket goes without a disconnect hook
    // (a connection refused in OnConnectedAsync never gets one).
    private readonly PartitionedRateLimiter<string> buckets = PartitionedRateLimiter.Create<string, string>(connectionId =>
        RateLimitPartition.GetTokenBucketLimiter(connectionId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.InvocationsPerMinute,
            TokensPerPeriod = options.InvocationsPerMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        using var lease = buckets.AttemptAcquire(invocationContext.Context.ConnectionId);
        if (!lease.IsAcquired)
            throw new HubException(
                $"Too many calls on this connection: at most {options.InvocationsPerMinute} a minute. Slow down and try again shortly.");
        return await next(invocationContext);
    }

    public void Dispose() => buckets.Dispose();
}

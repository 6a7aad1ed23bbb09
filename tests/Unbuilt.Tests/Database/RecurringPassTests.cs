using Microsoft.Extensions.Time.Testing;
using Unbuilt.Database;

namespace Unbuilt.Tests.Database;

/// The purges' schedule: a pass as soon as the node starts (a node restarted more often than the interval still
/// purges), then one every interval; a pass that fails is reported and the next one still runs.
public sealed class RecurringPassTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task The_first_pass_runs_at_start_and_the_next_one_interval_later()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var passes = 0;
        var schedule = new RecurringPass();
        using var stop = new CancellationTokenSource();
        var running = schedule.RunAsync(Hour, clock, _ => { Interlocked.Increment(ref passes); return Task.CompletedTask; },
            e => throw e, stop.Token);

        await schedule.FirstPass.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, Volatile.Read(ref passes));

        clock.Advance(Hour - TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        Assert.Equal(1, Volatile.Read(ref passes));

        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForAsync(() => Volatile.Read(ref passes) == 2);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task A_failed_pass_is_reported_and_the_next_one_runs_on_time()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var passes = 0;
        var failures = new List<Exception>();
        var schedule = new RecurringPass();
        using var stop = new CancellationTokenSource();
        var running = schedule.RunAsync(Hour, clock, _ =>
            Interlocked.Increment(ref passes) == 1 ? throw new InvalidOperationException("database away") : Task.CompletedTask,
            e => { lock (failures) failures.Add(e); }, stop.Token);

        await schedule.FirstPass.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("database away", Assert.Single(failures).Message);

        clock.Advance(Hour);
        await WaitForAsync(() => Volatile.Read(ref passes) == 2);
        Assert.Single(failures);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition());
    }
}

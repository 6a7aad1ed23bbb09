namespace Unbuilt.Database;

/// A background pass that runs once as soon as the node starts, then every interval: a node restarted more often than
/// its interval (every deploy, say) still runs it. <see cref="FirstPass"/> completes when the start's pass has run
/// (whether it deleted anything or failed), so a caller can wait for it instead of racing it.
public sealed class RecurringPass
{
    private readonly TaskCompletionSource firstPass = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task FirstPass => firstPass.Task;

    /// Runs <paramref name="pass"/> now and then every <paramref name="interval"/> until <paramref name="stopping"/>;
    /// a pass that throws is handed to <paramref name="failed"/> and the next one runs on time.
    public async Task RunAsync(TimeSpan interval, TimeProvider clock, Func<CancellationToken, Task> pass,
        Action<Exception> failed, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval, clock);
        // Off the start-up path: SQLite's "async" calls run synchronously, and the host waits for this method's first
        // await before it starts the next service.
        await Task.Yield();
        try
        {
            await RunOnceAsync();
        }
        finally
        {
            firstPass.TrySetResult(); // also when stopped during it, so nobody waits for ever
        }
        while (await timer.WaitForNextTickAsync(stopping)) await RunOnceAsync();

        async Task RunOnceAsync()
        {
            try
            {
                await pass(stopping);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed(e);
            }
        }
    }
}

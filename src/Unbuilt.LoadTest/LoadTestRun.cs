using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Unbuilt.LoadTest;

/// One `unbuilt loadtest`: setup (not measured), the ceiling, the timed run, the verdict, and cleanup (the run's
/// beta users are taken out of the flag even after Ctrl+C or a failure).
public sealed class LoadTestRun
{
    private const int SetupParallelism = 8;
    private readonly LoadTestSettings settings;
    private readonly ServerContract server;
    private readonly IAdminApi admin;
    private readonly Action<string> error;
    private readonly LoadConsole console = new();
    private readonly RunResults results;
    private readonly LiveLatency latency;
    private readonly LiveNodes live;
    private readonly ConcurrentBag<BrowserSession> sessions = [];
    private readonly ConcurrentBag<LiveConnection> connections = [];

    /// <param name="server">The server's names and percentile, from the server's own code (the CLI fills it in).</param>
    /// <param name="error">Says one failure on stderr, as the CLI says its own: a setup that failed, a cleanup that did not finish.</param>
    public LoadTestRun(LoadTestSettings settings, ServerContract server, IAdminApi admin, Action<string> error)
    {
        (this.settings, this.server, this.admin, this.error) = (settings, server, admin, error);
        results = new RunResults(server.Percentile);
        latency = new LiveLatency(results);
        live = new LiveNodes(settings.LiveUrls, admin.BaseAddress);
    }

    private sealed record Seat(BrowserSession Session, PlanShape Plan);

    public async Task<int> RunAsync(CancellationToken interrupt)
    {
        var users = new LoadTestUsers(admin, settings, server);
        await users.EnsureFlagIsOnAsync(interrupt);
        LoadReport report;
        try
        {
            var ids = await console.StepAsync($"Creating {settings.Load} pro users lt-{settings.RunId}-*@loadtest.invalid",
                update => users.CreateAsync(n => update(Text($"{n}/{settings.Load}")), interrupt));
            await console.StepAsync($"Letting them in as beta users of {users.Flag}", _ => users.AddBetaAsync(ids, interrupt));
            if (live.Others.Count > 0)
                await console.StepAsync($"Waiting until {string.Join(", ", live.Others)} let them in too (through Redis)",
                    update => live.WaitUntilLetInAsync(admin, users.Flag, ids, update, interrupt));
            var seats = await console.StepAsync($"Signing in, building plans of {settings.Tasks} tasks, joining them live",
                update => PrepareAsync(users, update, interrupt));
            if (settings.Listeners > 0)
                await console.StepAsync($"Opening {settings.Listeners} more WebSockets, spread evenly over the users' plans",
                    update => OpenListenersAsync(seats, update, interrupt));
            var ceiling = settings.Ceiling
                ? await console.StepAsync($"Measuring the HTTP ceiling ({LoadTestSettings.CeilingLength.TotalSeconds:0} s of GET /favicon.svg)",
                    _ => HttpCeiling.MeasureAsync(admin.BaseAddress, server, settings.Load, LoadTestSettings.CeilingLength, interrupt))
                : null;
            report = await MeasureAsync(seats, ceiling, users, interrupt);
            ResultTable.Print(report);
            if (settings.ReportPath is { } path)
            {
                await report.WriteAsync(path, CancellationToken.None);
                AnsiConsole.MarkupLine($"Report: {Markup.Escape(Path.GetFullPath(path))}");
            }
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            await CleanUpAsync(users);
            error("Interrupted during setup: nothing was measured.");
            return Verdict.Interrupted;
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            await CleanUpAsync(users);
            error($"Setup failed, nothing was measured: {e.Message} (the server is too busy to set up this load).");
            return Verdict.SetupFailed;
        }
        catch
        {
            await CleanUpAsync(users);
            throw;
        }
        await CleanUpAsync(users);
        ResultTable.Conclude(report, console.Interactive);
        return report.ExitCode;
    }

    private async Task<Seat[]> PrepareAsync(LoadTestUsers users, Action<string> update, CancellationToken ct)
    {
        var seats = new Seat[settings.Load];
        var ready = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.Load),
            new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism, CancellationToken = ct }, async (i, token) =>
            {
                var session = new BrowserSession(admin.BaseAddress, server);
                sessions.Add(session);
                await session.SignInAsync(users.EmailOf(i), users.Password, wait => update(Text(
                    $"the server's login rate limit (Unbuilt__RateLimits__LoginPerMinute) says wait {wait.TotalSeconds:0} s")), token);
                var plan = await PlanBuilder.BuildAsync(session, i, settings.Tasks, token);
                connections.Add(await LiveConnection.OpenAsync(session, live.For(i), plan.PlanId, results, latency, token));
                seats[i] = new Seat(session, plan);
                update(Text($"{Interlocked.Increment(ref ready)}/{settings.Load} users ready"));
            });
        return seats;
    }

    private Task OpenListenersAsync(Seat[] seats, Action<string> update, CancellationToken ct)
    {
        var opened = 0;
        return Parallel.ForEachAsync(Enumerable.Range(0, settings.Listeners),
            new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism * 2, CancellationToken = ct }, async (i, token) =>
            {
                // In turn, not at random: the server caps each user's live connections (Unbuilt:Realtime:
                // MaxConnectionsPerUser), and a random spread would now and then put one user over it.
                var seat = seats[i % seats.Length];
                connections.Add(await LiveConnection.OpenAsync(seat.Session, live.For(i), seat.Plan.PlanId, results, null, token));
                update(Text($"{Interlocked.Increment(ref opened)}/{settings.Listeners}"));
            });
    }

    private async Task<LoadReport> MeasureAsync(Seat[] seats, CeilingFacts? ceiling, LoadTestUsers users, CancellationToken interrupt)
    {
        var deadline = new RunDeadline(settings.WarmUp.Longest + settings.Duration);
        var loops = Task.WhenAll(seats.Select((seat, i) =>
            new VirtualUser(seat.Session, seat.Plan, results, latency, settings.ThinkMs, seed: i, settings.Only).RunAsync(deadline, interrupt)));
        var sweeping = SweepLostUpdatesAsync(loops);
        var warmUpStart = Stopwatch.GetTimestamp();
        var warmUpEnd = "none";
        if (settings.WarmUp.Length != TimeSpan.Zero)
            warmUpEnd = await console.StepAsync(settings.WarmUp.IsAuto
                    ? "Warming up: the same load, not measured, until the server's JIT settles"
                    : Text($"Warming up: the same load for {settings.WarmUp.Length!.Value.TotalSeconds:0} s, not measured"),
                update => WarmUp.RunAsync(settings.WarmUp, [admin.BaseAddress, .. settings.LiveUrls], loops, update, interrupt));
        var warmUp = new WarmUpFacts(Math.Round(Stopwatch.GetElapsedTime(warmUpStart).TotalSeconds, 1), settings.WarmUp.ToString(), warmUpEnd);
        deadline.MoveTo(settings.Duration);
        results.StartMeasuring();
        var startedAt = TimeProvider.System.GetUtcNow().UtcDateTime;
        var start = Stopwatch.GetTimestamp();
        // The CPU counters are read once the window is open, never before it: the users do not wait for the reading,
        // so a request answered meanwhile (with no warm-up, the very first ones) is counted by the run as the server
        // counts it. The reading's few milliseconds at the start are left out of the CPU window, not the request count.
        var cpu = await CpuWindow.StartAsync(admin.BaseAddress, settings.DbCpu, settings.DbPid, interrupt);
        await console.ProgressAsync(settings.Duration, results, loops);
        await Task.WhenAll(loops, sweeping);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var cpuUsed = await cpu.EndAsync(results.Requests);
        var interrupted = interrupt.IsCancellationRequested;
        if (!interrupted) await latency.DrainAsync(CancellationToken.None);
        var dropped = connections.Count(c => !c.IsConnected);
        using var asking = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var switchedOff = interrupted ? null : await users.SwitchedOffAsync(asking.Token);
        return Verdict.Judge(settings, new Verdict.Measured(admin.BaseAddress.ToString(), startedAt, elapsed, interrupted,
            connections.Count, dropped, ceiling, warmUp, switchedOff, cpuUsed), results);
    }

    private async Task SweepLostUpdatesAsync(Task loops)
    {
        while (await Task.WhenAny(loops, Task.Delay(TimeSpan.FromSeconds(1))) != loops)
            latency.ExpireLate();
    }

    /// Beta users out first (that is state on the server), then the sockets and connections.
    private async Task CleanUpAsync(LoadTestUsers users)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var failed = await users.RemoveBetaAsync(timeout.Token);
        if (failed > 0)
            error(Text($"{failed} of the run's beta users could not be taken out of {users.Flag}; see `unbuilt flags status`."));
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        foreach (var session in sessions) session.Dispose();
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

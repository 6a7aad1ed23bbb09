using System.Diagnostics;
using System.Globalization;

namespace Unbuilt.LoadTest;

/// --warm-up: how long the same load runs, unmeasured, before the measured part. Auto (the default) runs until the
/// server's JIT has settled, read from its /metrics: a just-started server compiles and recompiles its hot methods
/// (tiered PGO) for about the first minute of load, at up to most of a core, and a run measured in that minute
/// measures the JIT. Fixed runs exactly <see cref="Length"/>; zero skips the warm-up.
public sealed record WarmUpPlan(TimeSpan? Length)
{
    public static WarmUpPlan Auto { get; } = new((TimeSpan?)null);

    /// Auto warms up at least this long (pools grow, caches fill, even on a server whose JIT is done already) …
    public static TimeSpan AutoMinimum { get; } = TimeSpan.FromSeconds(15);

    /// … and at most this long: a server whose JIT never settles is measured anyway, and the report says so.
    public static TimeSpan AutoMaximum { get; } = TimeSpan.FromMinutes(3);

    /// When the server's /metrics has no JIT counter (not this product, or a proxy in front hides it).
    public static TimeSpan WithoutMetrics { get; } = TimeSpan.FromSeconds(60);

    public bool IsAuto => Length is null;

    /// The longest the warm-up can take: the virtual users' deadline is the measured part's end after this.
    public TimeSpan Longest => Length ?? AutoMaximum;

    /// "auto" or a duration ("45s", "2m", "0").
    public static WarmUpPlan Parse(string text)
    {
        if (text.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase)) return Auto;
        TimeSpan length;
        try
        {
            length = LoadTestSettings.ParseDuration(text, "--warm-up");
        }
        catch (LoadTestException)
        {
            throw new LoadTestException($"--warm-up '{text}' is neither auto nor a duration; write auto, 45s, 2m or 0.");
        }
        if (length > TimeSpan.FromMinutes(10)) throw new LoadTestException("--warm-up must be auto, or 0 to 10m.");
        return new WarmUpPlan(length);
    }

    public override string ToString() =>
        Length is { } length ? string.Create(CultureInfo.InvariantCulture, $"{length.TotalSeconds:0} s") : "auto";
}

/// Whether a server's JIT has settled: the JIT time it reports (a counter of seconds spent compiling), sampled every
/// couple of seconds, grew by less than <see cref="QuietShare"/> of a core over the last <see cref="Window"/>. A busy
/// just-started server spends 0.5–0.9 s per second compiling; a settled one 0–0.006.
public sealed class JitSettling
{
    public static TimeSpan Window { get; } = TimeSpan.FromSeconds(10);
    public const double QuietShare = 0.02;

    private readonly List<(TimeSpan At, double JitSeconds)> samples = [];

    /// The JIT's share of a core over the newest window, once samples span a window; null before.
    public double? Share { get; private set; }

    public bool Settled => Share < QuietShare;

    public void Add(TimeSpan at, double jitSeconds)
    {
        samples.Add((at, jitSeconds));
        // Keep the newest sample at least a window old as the window's start.
        while (samples.Count > 1 && at - samples[1].At >= Window) samples.RemoveAt(0);
        var (startAt, startJit) = samples[0];
        var span = (at - startAt).TotalSeconds;
        Share = at - startAt >= Window ? Math.Max(0, jitSeconds - startJit) / span : null;
    }
}

/// Runs the warm-up while the virtual users already work: waits the fixed length, or (auto) polls each node's
/// /metrics until every node's JIT has settled. Says how it ended, for the table and the report.
public static class WarmUp
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(2);

    // Ctrl+C (or the users' loops ending): as with a fixed warm-up, the measured part then starts and ends at once,
    // and the run says it was interrupted.
    private const string Interrupted = "the run ended during the warm-up";

    /// <returns>Why the warm-up ended, in words: "fixed", "the server's JIT settled", …</returns>
    public static async Task<string> RunAsync(WarmUpPlan plan, IReadOnlyList<Uri> nodes, Task running, Action<string> update,
        CancellationToken ct)
    {
        if (plan.Length is { } length)
        {
            await Task.WhenAny(running, Task.Delay(length, ct));
            return "fixed";
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var start = Stopwatch.GetTimestamp();
        var watched = new Dictionary<Uri, JitSettling>();
        foreach (var node in nodes.Distinct())
            if (await JitSecondsAsync(http, node, ct) is { } jit)
            {
                watched[node] = new JitSettling();
                watched[node].Add(TimeSpan.Zero, jit);
            }
        if (ct.IsCancellationRequested) return Interrupted;
        if (watched.Count == 0)
        {
            update(Text($"{nodes[0]}metrics has no {ServerMetrics.JitCounter}: a fixed {WarmUpPlan.WithoutMetrics.TotalSeconds:0} s"));
            await Task.WhenAny(running, Task.Delay(WarmUpPlan.WithoutMetrics, ct));
            return Text($"fixed {WarmUpPlan.WithoutMetrics.TotalSeconds:0} s: the server's /metrics has no JIT counter");
        }
        while (true)
        {
            if (await Task.WhenAny(running, Task.Delay(PollEvery, ct)) == running || ct.IsCancellationRequested) return Interrupted;
            var elapsed = Stopwatch.GetElapsedTime(start);
            foreach (var (node, settling) in watched)
                if (await JitSecondsAsync(http, node, ct) is { } jit) settling.Add(elapsed, jit);
            var busiest = watched.Values.Max(s => s.Share);
            update(busiest is { } share
                ? Text($"JIT at {share:0%} of a core (settled below {JitSettling.QuietShare:0%}), {elapsed.TotalSeconds:0} s")
                : Text($"{elapsed.TotalSeconds:0} s"));
            if (elapsed >= WarmUpPlan.AutoMinimum && watched.Values.All(s => s.Settled))
                return watched.Count == 1 ? "the server's JIT settled" : "every node's JIT settled";
            if (elapsed >= WarmUpPlan.AutoMaximum)
                return Text($"the {WarmUpPlan.AutoMaximum.TotalMinutes:0} min cap: the JIT was still at {busiest:0%} of a core");
        }
    }

    /// The node's JIT time so far, or null when its /metrics does not answer with it.
    public static async Task<double?> JitSecondsAsync(HttpClient http, Uri node, CancellationToken ct) =>
        await ServerMetrics.ReadAsync(http, node, ct) is { } text ? ServerMetrics.First(text, ServerMetrics.JitCounter) : null;

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

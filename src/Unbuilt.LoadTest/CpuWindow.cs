using System.Diagnostics;
using System.Net;

namespace Unbuilt.LoadTest;

/// CPU per request over the measured part: the server's process CPU time from its /metrics (the --url node only,
/// whatever --live-url says), and PostgreSQL's from this machine's /proc when the database is local (--db-cpu), read
/// when the measured part starts (after the warm-up) and again when its last request has answered, and divided by
/// the requests answered in between. The server's JIT time is read with its CPU time: a server still compiling its
/// hot methods spends part of that CPU on it, which a settled one does not (CpuFacts.JitStillCompiling). A figure that
/// cannot be read is unknown (null), never a failure of the run.
public sealed class CpuWindow
{
    private static readonly TimeSpan AskFor = TimeSpan.FromSeconds(5);

    private readonly Uri server;
    private readonly long start;
    private readonly double? appStart;
    private readonly double? jitStart;
    private readonly double? databaseStart;
    private readonly string appSource;
    private readonly string databaseSource;

    private readonly int? postmaster;

    private CpuWindow(Uri server, double? appStart, double? jitStart, double? databaseStart, string appSource, string databaseSource,
        int? postmaster)
    {
        (this.server, this.appStart, this.jitStart, this.databaseStart, this.appSource, this.databaseSource, this.postmaster) =
            (server, appStart, jitStart, databaseStart, appSource, databaseSource, postmaster);
        start = Stopwatch.GetTimestamp();
    }

    /// <param name="postmaster">--db-pid: measure that PostgreSQL cluster only (its postmaster and backends), here.</param>
    public static async Task<CpuWindow> StartAsync(Uri server, DbCpuMode mode, int? postmaster, CancellationToken ct)
    {
        var metrics = await ReadMetricsAsync(server, ct);
        var (app, jit) = AppReadings(metrics);
        var appSource = app is null
            ? $"unknown: {new Uri(server, "metrics")} did not answer with {ServerMetrics.CpuCounter}"
            : $"{ServerMetrics.CpuCounter} on {new Uri(server, "metrics")}";
        var database = DatabaseCpu.Read(postmaster: postmaster);
        var whyNot = postmaster is { } pid
            ? database is null ? $"not measured (no {DatabaseCpu.ProcessName} process {pid} in /proc on this machine)" : null
            : WhyNoDatabaseCpu(mode, server, metrics, database is not null);
        var databaseSource = whyNot ?? (postmaster is null
            ? $"all {database!.Value.Processes} {DatabaseCpu.ProcessName} processes on this machine, from /proc"
            : $"{DatabaseCpu.ProcessName} {postmaster} and its {database!.Value.Processes - 1} children, from /proc");
        return new CpuWindow(server, app, jit, whyNot is null ? database!.Value.Seconds : null, appSource, databaseSource, postmaster);
    }

    /// <param name="requests">HTTP requests answered in the window, failures included.</param>
    public async Task<CpuFacts> EndAsync(long requests)
    {
        using var asking = new CancellationTokenSource(AskFor);
        var (app, jit) = AppReadings(appStart is null ? null : await ReadMetricsAsync(server, asking.Token));
        var database = databaseStart is null ? null : DatabaseCpu.Read(postmaster: postmaster)?.Seconds;
        var seconds = Math.Round(Stopwatch.GetElapsedTime(start).TotalSeconds, 2);
        var appUsed = Used(appStart, app);
        var databaseUsed = Used(databaseStart, database);
        var appSource = appStart is not null && appUsed is null ? "unknown: the server's /metrics did not answer at the end" : this.appSource;
        var databaseSource = databaseStart is not null && databaseUsed is null
            ? "unknown: no postgres process was visible at the end" : this.databaseSource;
        return new CpuFacts(seconds, requests, Round(appUsed), PerRequest(appUsed, requests), appSource,
            Round(databaseUsed), PerRequest(databaseUsed, requests), databaseSource, Round(Used(jitStart, jit)));
    }

    /// Null when PostgreSQL's CPU is to be measured here; else why not, in words for the table and the report.
    public static string? WhyNoDatabaseCpu(DbCpuMode mode, Uri server, string? metrics, bool postgresVisible)
    {
        if (mode == DbCpuMode.Off) return "not measured (--db-cpu off)";
        var provider = metrics is null ? null : ServerMetrics.Label(metrics, ServerMetrics.TargetInfo, ServerMetrics.DatabaseProvider);
        var location = metrics is null ? null : ServerMetrics.Label(metrics, ServerMetrics.TargetInfo, ServerMetrics.DatabaseLocation);
        if (mode == DbCpuMode.Auto && provider == "sqlite")
            return "inside the app process (SQLite): the app's CPU per request includes it";
        if (!postgresVisible)
            return $"not measured (no {DatabaseCpu.ProcessName} process visible in /proc on this machine)";
        if (mode == DbCpuMode.Local) return null;
        if (provider is null)
            return "not measured (the server's /metrics does not say where its database is; --db-cpu local measures this machine's postgres processes)";
        if (location != "local") return "not measured (database not local)";
        if (!IsThisMachine(server))
            return "not measured (the server, and so its database, is not on this machine; --db-cpu local measures this machine's postgres processes)";
        return null;
    }

    private static bool IsThisMachine(Uri server) =>
        server.IsLoopback || server.Host.Equals(Dns.GetHostName(), StringComparison.OrdinalIgnoreCase) ||
        server.Host.Equals(Environment.MachineName, StringComparison.OrdinalIgnoreCase);

    /// The server's CPU time and JIT time from one /metrics text; each null when missing.
    private static (double? Cpu, double? Jit) AppReadings(string? metrics) => metrics is null ? (null, null)
        : (ServerMetrics.Sum(metrics, ServerMetrics.CpuCounter), ServerMetrics.First(metrics, ServerMetrics.JitCounter));

    private static async Task<string?> ReadMetricsAsync(Uri server, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = AskFor };
        return await ServerMetrics.ReadAsync(http, server, ct);
    }

    /// A counter's growth; null when either reading is missing, or it went back (the server restarted).
    private static double? Used(double? start, double? end) => end - start is { } grown && grown >= 0 ? grown : null;

    private static double? Round(double? seconds) => seconds is { } s ? Math.Round(s, 3) : null;

    private static double? PerRequest(double? seconds, long requests) =>
        seconds is { } s && requests > 0 ? Math.Round(s * 1000 / requests, 3) : null;
}

/// CPU per request over the measured part (CpuWindow), in milliseconds of CPU time (all cores) per HTTP request.
/// <param name="WindowSeconds">Between the two readings: from the measured part's start to its last answer.</param>
/// <param name="Requests">HTTP requests answered in the window, failures included: the divisor.</param>
/// <param name="AppCpuSeconds">The server process's CPU time used in the window; null when unknown.</param>
/// <param name="App">Where the app's figure comes from, or why it is unknown.</param>
/// <param name="DatabaseCpuSeconds">Every local postgres process's CPU time in the window; null when not measured.</param>
/// <param name="Database">Where the database's figure comes from, or why there is none (SQLite: in the app's).</param>
/// <param name="JitSeconds">The time the server's JIT spent compiling in the window (the runtime times each compilation
/// by the clock, so a compiling thread waiting for a core counts too: at most, not exactly, CPU); null when unknown.</param>
public sealed record CpuFacts(double WindowSeconds, long Requests, double? AppCpuSeconds, double? AppMsPerRequest, string App,
    double? DatabaseCpuSeconds, double? DatabaseMsPerRequest, string Database, double? JitSeconds = null)
{
    /// The JIT's time against the app's CPU time in the window; null when either is unknown.
    public double? JitShare => JitSeconds is { } jit && AppCpuSeconds is { } app && app > 0 ? Math.Round(jit / app, 3) : null;

    /// The JIT was still at work in the window: it kept at least the auto warm-up's bar busy (JitSettling.QuietShare of
    /// a core) and took at least <see cref="MaterialJitShare"/> of the app's CPU time (when that is known), so the
    /// throughput and CPU per request are not a settled server's. A just-started server under a closed load on two
    /// cores keeps most of a core compiling for two minutes; a settled one compiles a method now and then, which under
    /// a light load can be a large share of little CPU and under a closed load a little of a core, neither of which
    /// moves the figures.
    public bool JitStillCompiling => JitSeconds is { } jit && WindowSeconds > 0 && jit / WindowSeconds >= JitSettling.QuietShare
        && (JitShare is not { } share || share >= MaterialJitShare);

    /// The share of the app's CPU time below which the JIT's work does not change a run's figures beyond its noise.
    public const double MaterialJitShare = 0.05;

    /// Cores the app kept busy on average; null when unknown.
    public double? AppCores => AppCpuSeconds is { } s && WindowSeconds > 0 ? Math.Round(s / WindowSeconds, 2) : null;

    public double? DatabaseCores => DatabaseCpuSeconds is { } s && WindowSeconds > 0 ? Math.Round(s / WindowSeconds, 2) : null;
}

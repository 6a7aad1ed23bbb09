using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Unbuilt.LoadTest;

/// The JSON report (--report FILE): where and how it ran, the ceiling, each operation against its bars, the verdict.
/// <param name="Misses">What made the run fail: the SLAs in force, lost data, an interruption (and, with
/// --budgets, our budgets and any failed request).</param>
/// <param name="BudgetNotes">Our budgets missed while they were not enforced: printed, not judged.</param>
/// <param name="Cpu">The app's and the database's CPU per request over the measured part (null when not read).</param>
public sealed record LoadReport(DateTime StartedAt, MachineFacts Machine, RunFacts Run, CeilingFacts? Ceiling,
    IReadOnlyList<OperationReport> Operations, ErrorTotals Errors, IReadOnlyList<string> Misses, int ExitCode,
    bool BudgetsEnforced = false, IReadOnlyList<string>? BudgetNotes = null, CpuFacts? Cpu = null)
{
    public bool Passed => ExitCode == Verdict.Passed;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task WriteAsync(string path, CancellationToken ct)
    {
        try
        {
            var full = Path.GetFullPath(path);
            if (Path.GetDirectoryName(full) is { } folder) Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(full, JsonSerializer.Serialize(this, Json) + "\n", ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LoadTestException($"Could not write the report to {path}: {e.Message}");
        }
    }
}

/// <param name="LoadAverage">/proc/loadavg's 1-minute load at the end of the run (Linux): above the core count, the
/// server and the load generator were not alone on the machine, or not enough for each other.</param>
public sealed record MachineFacts(int Cores, string Os, string Architecture, string Dotnet, string Host, double? LoadAverage)
{
    public static MachineFacts Current() => new(Environment.ProcessorCount, RuntimeInformation.OSDescription,
        RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(), RuntimeInformation.FrameworkDescription,
        Environment.MachineName, OneMinuteLoad());

    private static double? OneMinuteLoad()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <param name="LiveConnections">WebSockets opened: one per virtual user plus the listeners.</param>
/// <param name="LiveConnectionsLost">Of those, the ones no longer connected at the end of the run.</param>
/// <param name="LiveEvents">PlanEvents received over all connections during the run.</param>
/// <param name="LiveUrls">The nodes the WebSockets opened on (--live-url; else the server itself).</param>
/// <param name="WarmUp">The same load run before the measured part, not measured (--warm-up).</param>
/// <param name="ElapsedSeconds">The measured part (the window every per-second figure is over).</param>
/// <param name="Closed">--closed: the users ran back to back, no think time (ThinkMs 0).</param>
/// <param name="Only">--only: the one operation the users did; null, the whole mix.</param>
public sealed record RunFacts(string ServerUrl, string RunId, int Load, double DurationSeconds, double ElapsedSeconds,
    WarmUpFacts WarmUp, bool Interrupted, int Tasks, int Listeners, int ThinkMs, int LiveConnections, int LiveConnectionsLost, long Requests,
    double RequestsPerSecond, long LiveEvents, IReadOnlyList<string> LiveUrls, bool Closed = false, string? Only = null);

/// <param name="Seconds">How long it ran.</param>
/// <param name="Plan">--warm-up: "auto", or the fixed length asked for.</param>
/// <param name="EndedBy">Why it stopped: "fixed", "the server's JIT settled", "the 3 min cap: …", "none".</param>
public sealed record WarmUpFacts(double Seconds, string Plan, string EndedBy);

/// GET /favicon.svg flat out from <paramref name="Loops"/> loops; Ratio = the run's requests/s ÷ that.
public sealed record CeilingFacts(double RequestsPerSecond, int Loops, double Seconds, double Ratio);

/// <param name="PerSecond">Throughput: successful requests (live updates: events) per second of the measured part.</param>
public sealed record OperationReport(string Name, int Count, int Errors, double PerSecond, double? P50Ms, double? P95Ms, double? P99Ms,
    double? MaxMs, double? GuideP95Ms, bool? GuidePass, double? BudgetP95Ms, bool? BudgetPass, IReadOnlyList<string> ErrorSamples)
{
    /// <param name="seconds">The measured part's length.</param>
    public static OperationReport Of(LatencySummary s, IReadOnlyDictionary<string, double> slas, double seconds)
    {
        var target = Target.For(s.Operation, slas);
        return new(s.Operation, s.Count, s.Errors, Math.Round(s.Count / Math.Max(seconds, 0.001), 1), s.P50Ms, s.P95Ms, s.P99Ms, s.MaxMs, target.GuideP95Ms,
            target.MeetsGuide(s.P95Ms), target.BudgetP95Ms, target.MeetsBudget(s.P95Ms), s.ErrorSamples);
    }
}

/// Failed HTTP requests over all requests (the guide's error rate) and lost live updates (our budget allows neither).
public sealed record ErrorTotals(long Requests, long Failed, double ErrorRate, long LiveUpdatesLost, bool GuidePass, bool BudgetPass);

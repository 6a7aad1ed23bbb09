using System.Globalization;

namespace Unbuilt.LoadTest;

/// Judges a finished run: each operation against the SLA in force (the guide's, or --sla) and our budget, errors
/// against both, and writes down every miss in words, so the last line of the run can say exactly what failed. The
/// SLAs decide the exit status; our budgets (p95 and "no failed request") only with --budgets, and are otherwise
/// printed as notes. The exit code tells a script which kind: 1 a latency bar missed (only), 2 the error rate
/// missed, live updates were lost or the feature was switched off during the run (with --budgets: any request
/// failed), 130 Ctrl+C.
public static class Verdict
{
    public const int Passed = 0;
    public const int LatencyMissed = 1;

    /// Nothing was measured: the 1 every CLI verb exits with when it fails.
    public const int SetupFailed = 1;
    public const int Failures = 2;
    public const int Interrupted = 130;

    public sealed record Measured(string ServerUrl, DateTime StartedAt, TimeSpan Elapsed, bool Interrupted,
        int LiveConnections, int LiveConnectionsLost, CeilingFacts? Ceiling, WarmUpFacts WarmUp, string? FeatureSwitchedOff = null,
        CpuFacts? Cpu = null);

    public static LoadReport Judge(LoadTestSettings settings, Measured measured, RunResults results)
    {
        var seconds = Math.Max(measured.Elapsed.TotalSeconds, 0.001);
        // With --only, the operations the run does not do are left out (and not missed), unless one was done anyway.
        var measuring = OperationMix.Measured(settings.Only);
        var operations = results.Summarize()
            .Where(s => measuring.Contains(s.Operation) || s.Count + s.Errors > 0)
            .Select(s => OperationReport.Of(s, settings.Slas, seconds)).ToList();
        var http = operations.Where(o => RunResults.IsRequest(o.Name)).ToList();
        long requests = http.Sum(o => o.Count + o.Errors), failed = http.Sum(o => o.Errors);
        var lost = operations.SingleOrDefault(o => o.Name == RunResults.LiveUpdate)?.Errors ?? 0;
        var rate = requests == 0 ? 0 : (double)failed / requests;
        var errors = new ErrorTotals(requests, failed, Math.Round(rate, 5), lost, rate < Target.GuideMaxErrorRate, failed == 0 && lost == 0);

        var misses = new List<string>();
        var budget = new List<string>();
        if (measured.Interrupted) misses.Add(Text($"interrupted after {measured.Elapsed.TotalSeconds:0} s"));
        if (measured.FeatureSwitchedOff is { } off) misses.Add(off);
        foreach (var o in operations)
        {
            // Nothing measured where something should have been is a broken run, whichever bar was to judge it.
            if (o.Count == 0 && (o.GuidePass is not null || o.BudgetPass is not null)) misses.Add($"{o.Name}: no samples to judge");
            else if (o.GuidePass == false) misses.Add(Text($"SLA: {o.Name} p95 {o.P95Ms:0.#} ms (< {o.GuideP95Ms:0} ms)"));
            if (o.Count > 0 && o.BudgetPass == false) budget.Add(Text($"budget: {o.Name} p95 {o.P95Ms:0.#} ms (≤ {o.BudgetP95Ms:0} ms)"));
        }
        if (!errors.GuidePass) misses.Add(Text($"SLA: error rate {rate:0.##%} (< 0.5%)"));
        // Zero data loss is an SLA: a live update that never arrived, or a socket that dropped, always fails the run.
        if (lost > 0) misses.Add(Text($"{lost} live updates never arrived"));
        if (measured.LiveConnectionsLost > 0) misses.Add(Text($"{measured.LiveConnectionsLost} WebSockets dropped"));
        if (failed > 0) budget.Add(Text($"{failed} of {requests} requests failed"));
        if (results.WarmUpFailures > 0) budget.Add(Text($"{results.WarmUpFailures} requests or live updates failed during the warm-up"));
        if (settings.EnforceBudgets)
        {
            misses.AddRange(budget);
            budget.Clear();
        }

        var run = new RunFacts(measured.ServerUrl, settings.RunId, settings.Load, settings.Duration.TotalSeconds,
            Math.Round(measured.Elapsed.TotalSeconds, 2), measured.WarmUp, measured.Interrupted, settings.Tasks, settings.Listeners, settings.ThinkMs,
            measured.LiveConnections, measured.LiveConnectionsLost, requests, Math.Round(requests / seconds, 1), results.LiveEvents,
            settings.LiveUrls.Count > 0 ? [.. settings.LiveUrls.Select(u => u.ToString())] : [measured.ServerUrl],
            settings.Closed, settings.Only);
        var ceiling = measured.Ceiling is { } c ? c with { Ratio = Math.Round(run.RequestsPerSecond / c.RequestsPerSecond, 4) } : null;
        var failedRequests = settings.EnforceBudgets ? failed > 0 || results.WarmUpFailures > 0 : !errors.GuidePass;
        var exitCode = misses.Count == 0 ? Passed
            : measured.Interrupted ? Interrupted
            : failedRequests || lost > 0 || measured.LiveConnectionsLost > 0 || measured.FeatureSwitchedOff is not null ? Failures
            : LatencyMissed;
        return new LoadReport(measured.StartedAt, MachineFacts.Current(), run, ceiling, operations, errors, misses, exitCode,
            settings.EnforceBudgets, budget, measured.Cpu);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using Spectre.Console;

namespace Unbuilt.LoadTest;

/// The end of a run on screen: per operation count, errors, throughput, p50/p95/p99 beside the SLA and our budget
/// (a --closed run leads with throughput), the throughput against the ceiling, the app's and the database's CPU per
/// request, samples of what failed, and one last line that says PASS or what missed.
public static class ResultTable
{
    public static void Print(LoadReport report)
    {
        var run = report.Run;
        var kind = run.Closed ? "closed (saturation), " : "";
        var only = run.Only is { } operation ? $"only {operation}, " : "";
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Text($"[bold]Load test: {kind}{only}{run.Load} users, {run.ElapsedSeconds:0.#} s after {run.WarmUp.Seconds:0} s of warm-up ({Markup.Escape(run.WarmUp.EndedBy)}), {Markup.Escape(run.ServerUrl)}[/]"));
        // A saturation run is about how much gets done: it leads with throughput, an open run with the counts.
        string[] columns = run.Closed
            ? ["Operation", "req/s", "p50 ms", "p95 ms", "p99 ms", "Count", "Errors"]
            : ["Operation", "Count", "Errors", "req/s", "p50 ms", "p95 ms", "p99 ms"];
        table.AddColumns([.. columns, "SLA p95", report.BudgetsEnforced ? "Budget p95" : "Budget p95 (not enforced)"]);
        foreach (var column in table.Columns.Skip(1).Take(6)) column.RightAligned();
        foreach (var o in report.Operations)
        {
            var cells = new Dictionary<string, string>
            {
                ["Count"] = Text($"{o.Count}"), ["Errors"] = o.Errors == 0 ? "0" : Text($"[red]{o.Errors}[/]"),
                ["req/s"] = Text($"{o.PerSecond:0.0}"), ["p50 ms"] = Ms(o.P50Ms), ["p95 ms"] = Ms(o.P95Ms), ["p99 ms"] = Ms(o.P99Ms),
            };
            table.AddRow([o.Name, .. columns.Skip(1).Select(c => cells[c]), Bar("<", o.GuideP95Ms, o.GuidePass),
                Bar("≤", o.BudgetP95Ms, o.BudgetPass, report.BudgetsEnforced)]);
        }
        var e = report.Errors;
        var totals = new Dictionary<string, string>
        {
            ["Count"] = Text($"{e.Requests}"), ["Errors"] = e.Failed == 0 ? "0" : Text($"[red]{e.Failed}[/]"),
            ["req/s"] = Text($"{run.RequestsPerSecond:0.0}"), ["p50 ms"] = "", ["p95 ms"] = "", ["p99 ms"] = "",
        };
        table.AddRow(["[bold]all requests[/]", .. columns.Skip(1).Select(c => totals[c]),
            Text($"{e.ErrorRate:0.##%} < 0.5% {Verdict(e.GuidePass)}"), Text($"none {Verdict(e.BudgetPass, report.BudgetsEnforced)}")]);
        AnsiConsole.Write(table);

        var ceiling = report.Ceiling is { } c
            ? Text($"; HTTP ceiling {c.RequestsPerSecond:0} req/s (GET /favicon.svg, {c.Loops} loops): {c.Ratio:0.#%} of it")
            : "";
        AnsiConsole.MarkupLine(Text($"Throughput {run.RequestsPerSecond:0.0} req/s{ceiling}."));
        if (report.Cpu is { } cpu)
        {
            var jit = cpu.JitShare is { } share ? Text($"; the JIT compiling {share:0.#%} of that time") : "";
            AnsiConsole.MarkupLine(Markup.Escape(Text($"App CPU per request: {PerRequest(cpu.AppMsPerRequest, cpu.AppCores)}{jit}; {cpu.App}.")));
            if (cpu.JitStillCompiling)
                AnsiConsole.MarkupLine("[yellow]" + Markup.Escape(JitWarning(cpu)) + "[/]");
            AnsiConsole.MarkupLine(Markup.Escape(cpu.DatabaseMsPerRequest is null
                ? $"Database CPU per request: {cpu.Database}."
                : Text($"Database CPU per request: {PerRequest(cpu.DatabaseMsPerRequest, cpu.DatabaseCores)}; {cpu.Database}.")));
        }
        var across = run.LiveUrls.SequenceEqual([run.ServerUrl]) ? "" : Markup.Escape($" on {string.Join(", ", run.LiveUrls)} (across nodes)");
        AnsiConsole.MarkupLine(Text($"Live: {run.LiveConnections} WebSockets ({run.Load} users + {run.Listeners} listeners){across}, ") +
            Text($"{run.LiveEvents} events received, {run.LiveConnectionsLost} dropped."));
        var m = report.Machine;
        var load = m.LoadAverage is { } l ? Text($"; load average {l:0.00} at the end") : "";
        AnsiConsole.MarkupLine(Markup.Escape(Text($"Machine: {m.Cores} cores, {m.Os}, {m.Dotnet}{load}.")));
        foreach (var o in report.Operations.Where(o => o.ErrorSamples.Count > 0))
            foreach (var sample in o.ErrorSamples) AnsiConsole.MarkupLine($"[red]✗[/] {o.Name}: {Markup.Escape(sample)}");
    }

    /// The last line, one line even when long (a pipe or a log file is not folded): PASS, or FAIL and every miss;
    /// budgets missed while not enforced follow as a note.
    public static void Conclude(LoadReport report, bool interactive)
    {
        var (verdict, colour) = report.Passed ? ("PASS", "green") : ("FAIL", "red");
        var notes = report.BudgetNotes ?? [];
        var met = report.BudgetsEnforced ? "every SLA and every budget met, no errors" : "every SLA met";
        var detail = (report.Passed ? met : string.Join("; ", report.Misses))
            + (notes.Count > 0 ? $". Budgets (not enforced; --budgets to enforce): {string.Join("; ", notes)}." : report.Passed && !report.BudgetsEnforced ? "; every budget met too, no errors." : ".");
        if (interactive) AnsiConsole.MarkupLine($"[{colour} bold]{verdict}[/]: {Markup.Escape(detail)}");
        else Console.Out.WriteLine($"{verdict}: {detail}");
    }

    /// Said under the CPU line when the server's JIT was still busy in the measured part (CpuFacts.JitStillCompiling).
    public static string JitWarning(CpuFacts cpu) =>
        "The server's JIT was still compiling in the measured part (" +
        (cpu.JitShare is { } share ? Text($"{share:0.#%} of its CPU time") : Text($"{cpu.JitSeconds / cpu.WindowSeconds:0.00} of a core")) +
        "): its throughput and CPU per request are not a settled server's. --warm-up auto (the default) waits until the JIT settles.";

    private static string PerRequest(double? ms, double? cores) =>
        ms is { } m ? Text($"{m:0.00} ms ({cores:0.00} cores busy)") : "unknown";

    private static string Bar(string comparison, double? limit, bool? pass, bool enforced = true) =>
        limit is { } l ? Text($"{comparison} {l:0} {Verdict(pass == true, enforced)}") : "[dim]–[/]";

    /// A bar not enforced says "over" in yellow rather than FAIL in red: it is a note, not the verdict.
    private static string Verdict(bool pass, bool enforced = true) =>
        pass ? "[green]PASS[/]" : enforced ? "[red]FAIL[/]" : "[yellow]over[/]";

    private static string Ms(double? value) => value is { } v ? v.ToString(v < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) : "–";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

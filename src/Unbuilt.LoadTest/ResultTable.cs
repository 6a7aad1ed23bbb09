using System.Globalization;
using Spectre.Console;

namespace Unbuilt.LoadTest;

/// The end of a run on screen: per operation count, errors, p50/p95/p99 beside the SLA and our budget, the
/// throughput against the ceiling, samples of what failed, and one last line that says PASS or what missed.
public static class ResultTable
{
    public static void Print(LoadReport report)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Text($"[bold]Load test: {report.Run.Load} users, {report.Run.ElapsedSeconds:0.#} s after {report.Run.WarmUp.Seconds:0} s of warm-up ({Markup.Escape(report.Run.WarmUp.EndedBy)}), {Markup.Escape(report.Run.ServerUrl)}[/]"))
            .AddColumns("Operation", "Count", "Errors", "p50 ms", "p95 ms", "p99 ms", "SLA p95",
                report.BudgetsEnforced ? "Budget p95" : "Budget p95 (not enforced)");
        foreach (var column in table.Columns.Skip(1).Take(5)) column.RightAligned();
        foreach (var o in report.Operations)
            table.AddRow(o.Name, Text($"{o.Count}"), o.Errors == 0 ? "0" : Text($"[red]{o.Errors}[/]"), Ms(o.P50Ms), Ms(o.P95Ms), Ms(o.P99Ms),
                Bar("<", o.GuideP95Ms, o.GuidePass), Bar("≤", o.BudgetP95Ms, o.BudgetPass, report.BudgetsEnforced));
        var e = report.Errors;
        table.AddRow("[bold]all requests[/]", Text($"{e.Requests}"), e.Failed == 0 ? "0" : Text($"[red]{e.Failed}[/]"), "", "", "",
            Text($"{e.ErrorRate:0.##%} < 0.5% {Verdict(e.GuidePass)}"), Text($"none {Verdict(e.BudgetPass, report.BudgetsEnforced)}"));
        AnsiConsole.Write(table);

        var run = report.Run;
        var ceiling = report.Ceiling is { } c
            ? Text($"; HTTP ceiling {c.RequestsPerSecond:0} req/s (GET /favicon.svg, {c.Loops} loops): {c.Ratio:0.#%} of it")
            : "";
        AnsiConsole.MarkupLine(Text($"Throughput {run.RequestsPerSecond:0.0} req/s{ceiling}."));
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

    private static string Bar(string comparison, double? limit, bool? pass, bool enforced = true) =>
        limit is { } l ? Text($"{comparison} {l:0} {Verdict(pass == true, enforced)}") : "[dim]–[/]";

    /// A bar not enforced says "over" in yellow rather than FAIL in red: it is a note, not the verdict.
    private static string Verdict(bool pass, bool enforced = true) =>
        pass ? "[green]PASS[/]" : enforced ? "[red]FAIL[/]" : "[yellow]over[/]";

    private static string Ms(double? value) => value is { } v ? v.ToString(v < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) : "–";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

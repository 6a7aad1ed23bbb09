using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Unbuilt.LoadTest;

/// What the operator sees while a run goes: a spinner per setup step and a progress bar with live counts on a
/// terminal; plain lines (one per step, a progress line every few seconds) when stdout is a file or a pipe.
public sealed class LoadConsole
{
    public LoadConsole()
    {
        Interactive = AnsiConsole.Profile.Out.IsTerminal && AnsiConsole.Profile.Capabilities.Interactive;
        // A file or a pipe has no width: do not fold the results table at 80 columns.
        if (!Interactive) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 120);
    }

    public bool Interactive { get; }

    public async Task<T> StepAsync<T>(string title, Func<Action<string>, Task<T>> work)
    {
        var start = Stopwatch.GetTimestamp();
        T result;
        if (Interactive)
            result = await AnsiConsole.Status().Spinner(Spinner.Known.Dots)
                .StartAsync(Markup.Escape(title), ctx => work(text => ctx.Status(Markup.Escape($"{title}: {text}"))));
        else
            result = await work(_ => { });
        AnsiConsole.MarkupLine($"[green]✓[/] {Markup.Escape(title)} [dim]({Seconds(Stopwatch.GetElapsedTime(start))})[/]");
        return result;
    }

    public Task StepAsync(string title, Func<Action<string>, Task> work) =>
        StepAsync(title, async update =>
        {
            await work(update);
            return true;
        });

    /// Shows progress until <paramref name="running"/> completes.
    public async Task ProgressAsync(TimeSpan duration, RunResults results, Task running)
    {
        var start = Stopwatch.GetTimestamp();
        if (!Interactive)
        {
            var every = TimeSpan.FromSeconds(Math.Clamp(duration.TotalSeconds / 10, 1, 10));
            while (await Task.WhenAny(running, Task.Delay(every)) != running)
                AnsiConsole.WriteLine(Counts(Stopwatch.GetElapsedTime(start), duration, results));
            return;
        }
        await AnsiConsole.Progress().AutoClear(false).HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var bar = ctx.AddTask("starting", maxValue: duration.TotalSeconds);
                do
                {
                    var elapsed = Stopwatch.GetElapsedTime(start);
                    bar.Value = Math.Min(elapsed.TotalSeconds, duration.TotalSeconds);
                    bar.Description = Markup.Escape(Counts(elapsed, duration, results));
                }
                while (await Task.WhenAny(running, Task.Delay(250)) != running);
                bar.Value = duration.TotalSeconds;
                bar.Description = Markup.Escape(Counts(Stopwatch.GetElapsedTime(start), duration, results));
            });
    }

    private static string Counts(TimeSpan elapsed, TimeSpan duration, RunResults results)
    {
        var perSecond = results.Requests / Math.Max(elapsed.TotalSeconds, 0.001);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Seconds(elapsed)} / {Seconds(duration)}  {results.Requests,7} requests  {perSecond,7:0.0} req/s  {results.Errors} errors");
    }

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0} s");
}

using System.Text.Json;
using Spectre.Console;

namespace Unbuilt.Cli;

/// The rollout as a timeline: each phase done, current, next or later, when the next steps can come at the
/// earliest, whether the schedule takes them, and what the next step still waits for.
public static partial class FlagOutput
{
    public static void Timeline(JsonElement schedule)
    {
        if (PrintJson(schedule)) return;
        var scheduled = Bool(schedule, "scheduled");
        var title = scheduled
            ? $"Schedule: advancing by itself up to {Text(schedule, "until")}, checked every {Number(schedule, "checkIntervalSeconds")} s"
            : "Schedule: none (every step by hand; `unbuilt flags schedule` to advance by itself)";
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title))
            .AddColumns("Phase", "Rollout", "State", "When");
        if (Property(schedule, "steps") is { ValueKind: JsonValueKind.Array } steps)
            foreach (var step in steps.EnumerateArray())
            {
                var state = Text(step, "state") ?? "";
                var when = state switch
                {
                    "current" => $"since {CliOutput.When(Text(step, "startedAt"), seconds: true)}",
                    "next" or "later" when Text(step, "earliestAt") is { } at =>
                        $"{(Bool(step, "scheduled") ? "by itself" : "by hand")}, not before {CliOutput.When(at, seconds: true)}",
                    "next" or "later" => Bool(step, "scheduled") ? "by itself" : "by hand",
                    _ => "",
                };
                table.AddRow(Markup.Escape(Text(step, "phase") ?? ""), $"{Number(step, "rolloutPercentage")}%",
                    Markup.Escape(state), Markup.Escape(when));
            }
        AnsiConsole.Write(table);
        var waiting = Strings(schedule, "waitingFor");
        if (scheduled)
            AnsiConsole.MarkupLine(Markup.Escape(waiting.Count == 0
                ? "Next step: at the guard's next check."
                : "Next step waits for: " + string.Join("; ", waiting) + "."));
    }
}

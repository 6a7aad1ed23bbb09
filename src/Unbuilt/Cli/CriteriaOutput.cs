using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Unbuilt.Cli;

/// Renders success criteria: one small table per phase, each criterion's value, target, sample and verdict in words
/// (PASS, FAIL, not enough data), so the verdict reads the same without colour.
public static class CriteriaOutput
{
    /// `flags status`: the current phase's criteria, from the status answer's `criteria` (nothing when absent).
    public static void Current(JsonElement status)
    {
        if (status.TryGetProperty("criteria", out var phase) && phase.ValueKind == JsonValueKind.Object) Write(phase);
    }

    /// `flags criteria`: every phase, newest first; with --json the server's answer as it is.
    public static void Phases(JsonElement response)
    {
        if (FlagOutput.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(response, new JsonSerializerOptions { WriteIndented = true }));
            return;
        }
        var phases = response.GetProperty("phases");
        if (phases.GetArrayLength() == 0) AnsiConsole.MarkupLine("No phases yet.");
        foreach (var phase in phases.EnumerateArray()) Write(phase);
    }

    private static void Write(JsonElement phase)
    {
        var name = phase.GetProperty("phase").GetString() ?? "?";
        var window = $"{CliOutput.When(phase.GetProperty("from"))} → {(phase.GetProperty("to") is { ValueKind: JsonValueKind.String } to ? CliOutput.When(to) : "now")}";
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]Success criteria: {Markup.Escape(name)}[/] ({Markup.Escape(window)}): {Verdict(phase.GetProperty("verdict").GetString())}")
            .AddColumns("Criterion", "Value", "Target", "Sample", "Verdict");
        foreach (var c in phase.GetProperty("criteria").EnumerateArray())
        {
            var criterion = c.GetProperty("name").GetString() ?? "?";
            var unit = c.GetProperty("unit").GetString();
            table.AddRow(Markup.Escape(Label(criterion)), Markup.Escape(Amount(c.GetProperty("value"), unit)),
                Markup.Escape(Target(c, criterion, unit)), Markup.Escape(Sample(c, criterion)),
                Verdict(c.GetProperty("verdict").GetString()));
        }
        AnsiConsole.Write(table);
    }

    public static string Label(string criterion) => criterion switch
    {
        "engagement" => "Engagement (created a plan)",
        "task-completion" => "Task completion",
        "error-rate" => "Error rate (5xx)",
        "plan-load-p95" => "Plan load p95",
        "task-update-p95" => "Task update p95",
        "return-rate" => "7-day return (with feature)",
        _ => criterion,
    };

    private static string Target(JsonElement c, string criterion, string? unit)
    {
        var comparison = c.GetProperty("comparison").GetString() == ">=" ? "≥" : c.GetProperty("comparison").GetString();
        return criterion == "return-rate"
            ? $"{comparison} without feature ({Amount(c.GetProperty("threshold"), unit)})"
            : $"{comparison} {Amount(c.GetProperty("threshold"), unit)}";
    }

    private static string Sample(JsonElement c, string criterion)
    {
        var sample = c.GetProperty("sample").GetInt32();
        var min = c.GetProperty("minSample").GetInt32();
        return criterion switch
        {
            "engagement" => $"{sample} users (min {min})",
            "task-completion" => $"{sample} tasks (min {min})",
            "return-rate" => $"{sample} with, {(c.GetProperty("baselineSample") is { ValueKind: JsonValueKind.Number } b ? b.GetInt32() : 0)} without (min {min} each)",
            _ => $"{sample} requests (min {min})",
        };
    }

    private static string Amount(JsonElement value, string? unit) => value.ValueKind != JsonValueKind.Number ? "–"
        : unit == "ms" ? value.GetDouble().ToString("0.#", CultureInfo.InvariantCulture) + " ms"
        : value.GetDouble().ToString("0.###", CultureInfo.InvariantCulture) + " %";

    private static string Verdict(string? verdict) => verdict switch
    {
        "pass" => "[green]PASS[/]",
        "fail" => "[red]FAIL[/]",
        _ => "[yellow]not enough data[/]",
    };

}

using System.Globalization;
using System.Text;

namespace Unbuilt.Plans.Export;

/// RFC 4180: CRLF line ends, a field quoted when it holds a comma, quote, CR or LF, quotes doubled. A cell that a
/// spreadsheet would run as a formula (starting with = + - @ tab or CR) gets a leading single quote. The file starts
/// with a UTF-8 byte-order mark.
public static class CsvExport
{
    /// Excel opens a CSV without a byte-order mark in the machine's legacy code page, so "Café" shows as "CafÃ©";
    /// with the mark it reads UTF-8. Other readers (LibreOffice, pandas, Numbers) skip it.
    public const char ByteOrderMark = '\uFEFF';

    public const string Header = "Phase,Phase Order,Task,Task Order,Description,Status,Estimated Time,Resources,Assignee,Due Date,Completed At,Dependencies";

    public static async Task WriteAsync(PlanExport export, TextWriter writer, CancellationToken ct)
    {
        await writer.WriteAsync(ByteOrderMark + Header + "\r\n");
        var line = new StringBuilder();
        foreach (var (phase, phaseIndex) in export.Content.Phases.Select((p, i) => (p, i + 1)))
        {
            foreach (var (task, order) in export.TasksOf(phase))
            {
                ct.ThrowIfCancellationRequested();
                line.Clear();
                Append(line, phase.Name, first: true);
                Append(line, phaseIndex.ToString(CultureInfo.InvariantCulture));
                Append(line, task.Title);
                Append(line, order.ToString(CultureInfo.InvariantCulture));
                Append(line, task.Description);
                Append(line, PlanExport.StatusLabel(task.Status));
                Append(line, task.EstimatedTime);
                Append(line, string.Join("; ", task.Resources));
                Append(line, export.Person(task.AssigneeId));
                Append(line, task.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                Append(line, task.CompletedAt?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                Append(line, string.Join("; ", export.PrerequisiteTitles(task)));
                await writer.WriteAsync(line.Append("\r\n"), ct);
            }
        }
    }

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static void Append(StringBuilder line, string? value, bool first = false)
    {
        if (!first) line.Append(',');
        line.Append(Cell(value));
    }
}

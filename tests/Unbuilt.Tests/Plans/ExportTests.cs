using System.Net.Http.Json;
using System.Text.Json;

namespace Unbuilt.Tests.Plans;

public sealed class ExportTests(UnbuiltServer server) : PlanTest(server)
{
    private static readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd");

    private async Task<(HttpClient Client, JsonElement Plan)> PlanAsync()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        await OkJson(client.PatchAsJsonAsync($"/api/plans/{Id(plan)}", new { title = "Café: Invoices & Taxes!" }));
        return (client, plan);
    }

    [Fact]
    public async Task Csv_is_an_attachment_with_the_header_and_one_row_per_task()
    {
        var (client, plan) = await PlanAsync();

        var response = await client.GetAsync($"/api/plans/{Id(plan)}/export?format=csv");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"attachment; filename=action-plan-caf-invoices-taxes-{Today}.csv", response.Content.Headers.ContentDisposition?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("Phase,Phase Order,Task,Task Order,Description,Status,Estimated Time,Resources,Assignee,Due Date,Completed At,Dependencies\r\n", text);
        var rows = CsvRows(text);
        Assert.Equal(Tasks(plan).Count + 1, rows.Count);
        Assert.All(rows, r => Assert.Equal(12, r.Count));
        Assert.Equal(Tasks(plan).Select(t => t.GetProperty("title").GetString()), rows.Skip(1).Select(r => r[2]));
    }

    [Fact]
    public async Task Csv_starts_with_a_utf8_byte_order_mark_so_excel_keeps_accents()
    {
        var (client, plan) = await PlanAsync();
        var phaseId = Id(Phases(plan)[0]);
        await OkJson(client.PostAsJsonAsync($"/api/plans/{Id(plan)}/tasks", new { phaseId, title = "Réunion à Zürich, café" }));

        var bytes = await client.GetByteArrayAsync($"/api/plans/{Id(plan)}/export?format=csv");

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("Phase,", text, StringComparison.Ordinal);
        Assert.Contains("\"Réunion à Zürich, café\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_quotes_per_rfc_4180_and_neutralises_formulas()
    {
        var (client, plan) = await PlanAsync();
        var phaseId = Id(Phases(plan)[0]);
        foreach (var title in new[] { "=HYPERLINK(\"http://evil\")", "+1", "-2", "@SUM(A1)", "Say \"hi\", then go" })
            await OkJson(client.PostAsJsonAsync($"/api/plans/{Id(plan)}/tasks", new { phaseId, title, description = "line one\nline two" }));

        var text = await client.GetStringAsync($"/api/plans/{Id(plan)}/export?format=csv");

        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",", text, StringComparison.Ordinal);
        Assert.Contains(",'+1,", text, StringComparison.Ordinal);
        Assert.Contains(",'-2,", text, StringComparison.Ordinal);
        Assert.Contains(",'@SUM(A1),", text, StringComparison.Ordinal);
        Assert.Contains(",\"Say \"\"hi\"\", then go\",", text, StringComparison.Ordinal);
        Assert.Contains(",\"line one\nline two\",", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\tTabbed", "'\tTabbed")]
    [InlineData("\rReturn", "\"'\rReturn\"")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("", "")]
    public void Every_cell_is_neutralised_and_quoted_as_needed(string value, string cell) =>
        Assert.Equal(cell, Unbuilt.Plans.Export.CsvExport.Cell(value));

    [Fact]
    public async Task Completed_and_skipped_tasks_can_be_left_out()
    {
        var (client, plan) = await PlanAsync();
        var t = Tasks(plan);
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{Id(t[0])}", new { status = "completed" }));
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{Id(t[1])}", new { status = "skipped" }));
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{Id(t[2])}", new { title = "Kept task" }));

        var text = await client.GetStringAsync($"/api/plans/{Id(plan)}/export?format=csv&includeCompleted=false&includeSkipped=false");

        Assert.DoesNotContain(",Completed,", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",Skipped,", text, StringComparison.Ordinal);
        Assert.Contains("Kept task", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_has_task_lists_and_progress_per_phase()
    {
        var (client, plan) = await PlanAsync();
        var first = Tasks(plan)[0];
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{Id(first)}", new { status = "completed" }));

        var response = await client.GetAsync($"/api/plans/{Id(plan)}/export?format=markdown");

        Assert.Equal($"attachment; filename=action-plan-caf-invoices-taxes-{Today}.md", response.Content.Headers.ContentDisposition?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("# Café: Invoices & Taxes!\n", text);
        Assert.Contains($"## 1. {Phases(plan)[0].GetProperty("name").GetString()}", text, StringComparison.Ordinal);
        Assert.Contains($"**Progress:** 1/{TaskIds(Phases(plan)[0]).Count} tasks completed", text, StringComparison.Ordinal);
        Assert.Contains("- [x] ", text, StringComparison.Ordinal);
        Assert.Contains("- [ ] ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_is_the_whole_plan_with_statistics()
    {
        var (client, plan) = await PlanAsync();
        var t = Tasks(plan).Select(Id).ToList();
        await OkJson(client.PostAsJsonAsync($"/api/tasks/{t[1]}/dependencies", new { prerequisiteTaskId = t[0] }));

        var response = await client.GetAsync($"/api/plans/{Id(plan)}/export?format=json");

        Assert.Equal($"attachment; filename=action-plan-caf-invoices-taxes-{Today}.json", response.Content.Headers.ContentDisposition?.ToString());
        var document = await ReadJson(response);
        Assert.Equal(t.Count, Tasks(document.GetProperty("plan")).Count);
        Assert.Equal(t.Count, document.GetProperty("statistics").GetProperty("overall").GetProperty("total").GetInt32());
        Assert.Equal(t[0], document.GetProperty("dependencies")[0].GetProperty("prerequisiteTaskId").GetInt32());
    }

    [Fact]
    public async Task An_unknown_format_is_400_and_a_viewer_may_export()
    {
        var (client, plan) = await PlanAsync();
        var viewer = await UserAsync("viewer@example.com");
        await OkJson(client.PostAsJsonAsync($"/api/plans/{Id(plan)}/members", new { email = "viewer@example.com", role = "viewer" }));

        await AssertProblem(await client.GetAsync($"/api/plans/{Id(plan)}/export?format=xlsx"), 400);
        await AssertProblem(await client.GetAsync($"/api/plans/{Id(plan)}/export?format=csv&includeSkipped=maybe"), 400);
        Assert.Equal(200, (int)(await viewer.GetAsync($"/api/plans/{Id(plan)}/export?format=json")).StatusCode);
    }

    /// RFC 4180 read back: quoted fields may hold commas, doubled quotes and line breaks.
    private static List<List<string>> CsvRows(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else field.Append(c);
        }
        return rows;
    }
}

using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Flags;
using Unbuilt.Monitoring;
using Unbuilt.Plans.Api;
using Unbuilt.Plans.Reading;

namespace Unbuilt.Plans.Export;

/// GET /api/plans/{id}/export?format=csv|markdown|json&includeCompleted=&includeSkipped=: a download, written
/// straight to the response as it is produced.
public static class ExportApi
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void MapExport(this RouteGroupBuilder plans) =>
        plans.MapGet("/{planId:int}/export", Export).WithOperation("export_generated", "action_plan.export");

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult, ValidationProblem>> Export(int planId, string? format,
        bool? includeCompleted, bool? includeSkipped, HttpContext http, UnbuiltDbContext db, PlanContentCache cache,
        TimeProvider clock, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var kind = (format ?? "csv").ToLowerInvariant();
        if (kind is not ("csv" or "markdown" or "json"))
            return new FieldErrors().Add("format", "format must be csv, markdown or json.").ToProblem();
        var (content, role, denied) = await PlanInsightsApi.ReadAsync(planId, http, db, cache, ct);
        if (denied is not null) return denied;
        var now = clock.StoredNow();
        var export = await PlanExport.LoadAsync(db, content!, includeCompleted ?? true, includeSkipped ?? true, now, ct);

        var extension = kind == "markdown" ? "md" : kind;
        http.Response.Headers.ContentDisposition = $"attachment; filename=action-plan-{Slug(content!.Plan.Title)}-{now:yyyy-MM-dd}.{extension}";
        var contentType = kind switch
        {
            "csv" => "text/csv; charset=utf-8",
            "markdown" => "text/markdown; charset=utf-8",
            _ => "application/json; charset=utf-8",
        };
        return TypedResults.Stream(async stream =>
        {
            if (kind == "json")
            {
                await JsonExport.WriteAsync(export, role, stream, json.Value.SerializerOptions, http.RequestAborted);
                return;
            }
            await using var writer = new StreamWriter(stream, Utf8, bufferSize: 16 * 1024, leaveOpen: true);
            if (kind == "csv") await CsvExport.WriteAsync(export, writer, http.RequestAborted);
            else await MarkdownExport.WriteAsync(export, writer, http.RequestAborted);
        }, contentType);
    }

    /// Lower-case ASCII letters and digits joined by single hyphens, at most 50 characters ("plan" if none).
    public static string Slug(string title)
    {
        var slug = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
            if (slug.Length >= 50) break;
        }
        var text = slug.ToString().Trim('-');
        return text.Length == 0 ? "plan" : text;
    }
}

using System.Text.Json;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Reading;

namespace Unbuilt.Plans.Export;

public sealed record JsonExportDocument(string Format, DateTime ExportedAt, PlanResponse Plan, ProgressResponse Statistics,
    IReadOnlyList<JsonExportDependency> Dependencies);

public sealed record JsonExportDependency(int TaskId, int PrerequisiteTaskId);

/// The whole plan as the API shows it (tasks filtered by the include flags), with its statistics.
public static class JsonExport
{
    public static Task WriteAsync(PlanExport export, MemberRole role, Stream stream, JsonSerializerOptions json, CancellationToken ct)
    {
        var full = PlanReader.Response(export.Content, role);
        var plan = full with
        {
            Phases = [.. full.Phases.Select(p => p with { Tasks = [.. p.Tasks.Where(t => export.Included(export.Content.Task(t.Id)!))] })],
        };
        var included = plan.Phases.SelectMany(p => p.Tasks).Select(t => t.Id).ToHashSet();
        var dependencies = export.Content.Dependencies.Where(d => included.Contains(d.TaskId) && included.Contains(d.PrerequisiteTaskId))
            .Select(d => new JsonExportDependency(d.TaskId, d.PrerequisiteTaskId)).ToList();
        var document = new JsonExportDocument("unbuilt.action-plan.v1", export.ExportedAt, plan, export.Progress, dependencies);
        return JsonSerializer.SerializeAsync(stream, document, json, ct);
    }
}

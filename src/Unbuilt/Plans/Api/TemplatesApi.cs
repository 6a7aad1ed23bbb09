using Microsoft.AspNetCore.Http.HttpResults;
using Unbuilt.Monitoring;
using Unbuilt.Plans.Templates;

namespace Unbuilt.Plans.Api;

public sealed record TemplateSummary(string Id, string Name, string Description, int PhaseCount, int TaskCount,
    IReadOnlyList<TemplatePhase> Phases);

/// GET /api/templates: the five templates with their phases and tasks (placeholders unfilled).
public static class TemplatesApi
{
    public static void MapTemplates(this RouteGroupBuilder templates) =>
        templates.MapGet("/", List).WithOperation("templates_listed", "action_plan.template_list");

    private static Ok<List<TemplateSummary>> List() =>
        TypedResults.Ok(PlanTemplates.All.Select(t => new TemplateSummary(t.Id, t.Name, t.Description, t.Phases.Count,
            t.Phases.Sum(p => p.Tasks.Count), t.Phases)).ToList());
}

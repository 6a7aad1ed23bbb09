namespace Unbuilt.Plans.Templates;

/// <summary>A starting point for an action plan. Text may contain the placeholders <c>{title}</c> and
/// <c>{audience}</c>; <see cref="PlanTemplates.Tailor"/> fills them from the search result.</summary>
public sealed record PlanTemplate(string Id, string Name, string Description, IReadOnlyList<TemplatePhase> Phases);

public sealed record TemplatePhase(string Name, string Description, string EstimatedDuration, IReadOnlyList<TemplateTask> Tasks);

public sealed record TemplateTask(string Title, string Description, string EstimatedTime, IReadOnlyList<string> Resources);

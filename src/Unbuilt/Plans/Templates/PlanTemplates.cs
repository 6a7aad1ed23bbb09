using System.Text.Json;
using System.Text.RegularExpressions;

namespace Unbuilt.Plans.Templates;

/// <summary>The five plan templates we ship as embedded resources (Plans/Templates/{id}.json), read once.</summary>
public static partial class PlanTemplates
{
    public const string SoftwareStartup = "software-startup";
    public const string PhysicalProduct = "physical-product";
    public const string ServiceBusiness = "service-business";
    public const string ContentPlatform = "content-platform";
    public const string Marketplace = "marketplace";

    private const string FallbackTitle = "your idea";
    private const string FallbackAudience = "your target customers";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private static readonly Lazy<PlanTemplate[]> Loaded =
        new(() => [.. new[] { SoftwareStartup, PhysicalProduct, ServiceBusiness, ContentPlatform, Marketplace }.Select(Load)]);

    /// <summary>All templates, the default (Software Startup) first.</summary>
    public static IReadOnlyList<PlanTemplate> All => Loaded.Value;

    public static PlanTemplate Default => All[0];

    /// <summary>A plan of one's own without a template (POST /api/plans with a title and no search result): one phase
    /// to put tasks in. Not listed with <see cref="All"/>: there is nothing in it to choose.</summary>
    public static PlanTemplate Blank { get; } = new("blank", "Blank plan", "", [new TemplatePhase("Tasks", "", "", [])]);

    public static PlanTemplate? Find(string id) => All.FirstOrDefault(t => t.Id == id);

    /// <summary>The template for a search result that names none: by category, refined by the industry when
    /// known. See <see cref="TemplateChoice"/> for the table; an unknown category gets the default.</summary>
    public static PlanTemplate ForCategory(string category, string? industry = null) =>
        Find(TemplateChoice.IdFor(category, industry)) ?? Default;

    /// <summary>Replaces <c>{title}</c> and <c>{audience}</c> in one pass (a value that itself contains a
    /// placeholder is left alone). A value that starts a sentence gets a capital letter; a blank value becomes
    /// "your idea" or "your target customers".</summary>
    public static string Fill(string text, string title, string audience)
    {
        title = string.IsNullOrWhiteSpace(title) ? FallbackTitle : title.Trim();
        audience = string.IsNullOrWhiteSpace(audience) ? FallbackAudience : audience.Trim();
        return Placeholder().Replace(text, match =>
        {
            var value = match.ValueSpan is "{title}" ? title : audience;
            return StartsSentence(text, match.Index) ? char.ToUpperInvariant(value[0]) + value[1..] : value;
        });
    }

    /// <summary>A copy of <paramref name="template"/> with every phase and task text filled in.</summary>
    public static PlanTemplate Tailor(PlanTemplate template, string title, string audience)
    {
        string F(string text) => Fill(text, title, audience);
        return template with
        {
            Description = F(template.Description),
            Phases =
            [
                .. template.Phases.Select(phase => phase with
                {
                    Name = F(phase.Name),
                    Description = F(phase.Description),
                    Tasks = [.. phase.Tasks.Select(task => task with { Title = F(task.Title), Description = F(task.Description) })],
                }),
            ],
        };
    }

    private static bool StartsSentence(string text, int index)
    {
        var before = text.AsSpan(0, index).TrimEnd();
        return before.IsEmpty || before[^1] is '.' or '!' or '?';
    }

    private static PlanTemplate Load(string id)
    {
        var name = $"Unbuilt.Plans.Templates.{id}.json";
        using var stream = typeof(PlanTemplates).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        var template = JsonSerializer.Deserialize<PlanTemplate>(stream, Json)
            ?? throw new InvalidDataException($"{name} is empty.");
        return template.Id == id ? template : throw new InvalidDataException($"{name} declares id '{template.Id}'.");
    }

    [GeneratedRegex(@"\{(?:title|audience)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}

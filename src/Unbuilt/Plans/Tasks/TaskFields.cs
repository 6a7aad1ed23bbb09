using Unbuilt.Api;

namespace Unbuilt.Plans.Tasks;

/// The limits on a task's fields: title 1–200, description up to 5000, and sane sizes for the rest.
public static class TaskFields
{
    public const int TitleMax = 200;
    public const int DescriptionMax = 5000;
    public const int EstimatedTimeMax = 100;
    public const int ResourcesMax = 50;
    public const int ResourceMax = 500;

    public static FieldErrors Check(FieldErrors errors, string? title, bool titleRequired, string? description,
        string? estimatedTime, List<string>? resources)
    {
        if (titleRequired || title is not null) errors.Required("title", title, TitleMax);
        errors.Optional("description", description, DescriptionMax);
        errors.Optional("estimatedTime", estimatedTime, EstimatedTimeMax);
        if (resources is null) return errors;
        if (resources.Count > ResourcesMax) errors.Add("resources", $"resources may hold at most {ResourcesMax} items.");
        if (resources.Any(r => string.IsNullOrWhiteSpace(r) || r.Length > ResourceMax))
            errors.Add("resources", $"Each resource must be 1 to {ResourceMax} characters.");
        return errors;
    }

    public static List<string> Clean(List<string> resources) => [.. resources.Select(r => r.Trim())];

    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

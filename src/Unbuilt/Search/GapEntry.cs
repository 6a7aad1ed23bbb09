namespace Unbuilt.Search;

/// <summary>One market gap: what a search returns and what a plan is built from.</summary>
/// <param name="Category">One of <see cref="GapCategories.All"/>.</param>
/// <param name="Feasibility">One of <see cref="GapRatings.All"/>.</param>
/// <param name="MarketPotential">One of <see cref="GapRatings.All"/>.</param>
/// <param name="InnovationScore">1 to 10.</param>
/// <param name="Confidence">0 to 100.</param>
public sealed record GapEntry(
    string Id,
    string Title,
    string Description,
    string Category,
    string Industry,
    IReadOnlyList<string> Keywords,
    int InnovationScore,
    string Feasibility,
    string MarketPotential,
    string MarketSize,
    string TargetAudience,
    string GapReason,
    int Confidence);

/// The wire names of a gap's category, as stored and as the API answers them.
public static class GapCategories
{
    public const string Market = "market";
    public const string Technology = "technology";
    public const string Ux = "ux";
    public const string BusinessModel = "business_model";

    public static IReadOnlyList<string> All { get; } = [Market, Technology, Ux, BusinessModel];
}

/// The wire names of feasibility and market potential.
public static class GapRatings
{
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";

    public static IReadOnlyList<string> All { get; } = [Low, Medium, High];
}

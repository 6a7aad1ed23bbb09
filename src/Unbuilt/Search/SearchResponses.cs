using Unbuilt.Data.Search;

namespace Unbuilt.Search;

public sealed record SearchRequest(string? Query);

public sealed record SearchResultResponse(int Id, string Title, string Description, string Category, string? Industry,
    int InnovationScore, string Feasibility, string MarketPotential, string MarketSize, string TargetAudience,
    string GapReason, int Confidence);

/// <param name="Quota">For the free tier: searches left this month and when the count resets; null when unlimited.</param>
public sealed record SearchResponse(int Id, string Query, DateTime CreatedAt, IReadOnlyList<SearchResultResponse> Results,
    SearchQuotaResponse? Quota = null)
{
    public static SearchResponse Of(SearchRecord search, SearchQuotaResponse? quota = null) =>
        new(search.Id, search.Query, search.CreatedAt, [.. search.Results.OrderBy(r => r.Rank).Select(r =>
            new SearchResultResponse(r.Id, r.Title, r.Description, r.Category, r.Industry, r.InnovationScore, r.Feasibility,
                r.MarketPotential, r.MarketSize, r.TargetAudience, r.GapReason, r.Confidence))], quota);
}

public sealed record SearchSummary(int Id, string Query, DateTime CreatedAt, int ResultCount);

public sealed record SearchQuotaResponse(int Limit, int Used, int Remaining, DateTime ResetsAt);

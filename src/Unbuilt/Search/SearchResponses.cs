using Unbuilt.Data.Search;

namespace Unbuilt.Search;

public sealed record SearchRequest(string? Query);

/// <param name="PlanId">The caller's plan made from this result (the active one when there are several), or null:
/// the client opens it instead of offering to create a second.</param>
public sealed record SearchResultResponse(int Id, string Title, string Description, string Category, string? Industry,
    int InnovationScore, string Feasibility, string MarketPotential, string MarketSize, string TargetAudience,
    string GapReason, int Confidence, int? PlanId);

/// <param name="Quota">For the free tier: searches left this month and when the count resets; null when unlimited.</param>
/// <param name="DidYouMean">The query respelt with words the catalogue knows, when a word was misspelt; else null.</param>
/// <param name="Suggestions">When nothing was found: a few queries that do find gaps; otherwise empty.</param>
public sealed record SearchResponse(int Id, string Query, DateTime CreatedAt, IReadOnlyList<SearchResultResponse> Results,
    string? DidYouMean, IReadOnlyList<string> Suggestions, SearchQuotaResponse? Quota = null)
{
    public static SearchResponse Of(SearchRecord search, SearchAdvice advice, IReadOnlyDictionary<int, int> plans,
        SearchQuotaResponse? quota = null) =>
        new(search.Id, search.Query, search.CreatedAt, [.. search.Results.OrderBy(r => r.Rank).Select(r =>
            new SearchResultResponse(r.Id, r.Title, r.Description, r.Category, r.Industry, r.InnovationScore, r.Feasibility,
                r.MarketPotential, r.MarketSize, r.TargetAudience, r.GapReason, r.Confidence,
                plans.TryGetValue(r.Id, out var planId) ? planId : null))],
            advice.DidYouMean, advice.Suggestions, quota);
}

/// <param name="Query">The text as stored: to run it again, the client POSTs it to /api/search (a new search,
/// counted against the free tier's allowance like any other).</param>
public sealed record SearchSummary(int Id, string Query, DateTime CreatedAt, int ResultCount);

public sealed record SearchQuotaResponse(int Limit, int Used, int Remaining, DateTime ResetsAt);

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Accounts;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Data.Search;
using Unbuilt.Idempotency;
using Unbuilt.Monitoring;

namespace Unbuilt.Search;

/// POST /api/search runs a query against the provider and stores the search with its results (a plan cites the
/// result it was made from); GET /api/searches lists mine, newest first; GET /api/search/{id} reads one of mine;
/// DELETE /api/searches/{id} takes one of mine out of that history. Re-running a search is POSTing its query again.
public static class SearchApi
{
    public const int MaxQueryLength = 200;
    public const int ResultCount = 10;

    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => GapCatalogue.Shipped);
        builder.Services.AddSingleton<ISearchProvider, CatalogueSearchProvider>();
        return builder;
    }

    public static void MapSearch(this IEndpointRouteBuilder app)
    {
        // Signed in, and Idempotency-Key honoured on a search; open whatever the action-plans flag says (only plan
        // features follow it).
        var api = app.MapGroup("/api").RequireAuthorization().WithIdempotency().WithTags("Search");
        api.MapPost("/search", Search).WithOperation("search_performed", "action_plan.search");
        api.MapGet("/searches", List).WithOperation("searches_listed", "action_plan.search_list");
        api.MapGet("/search/{searchId:int}", Get).WithOperation("search_loaded", "action_plan.search_load");
        api.MapDelete("/searches/{searchId:int}", Delete).WithOperation("search_deleted", "action_plan.search_delete");
    }

    /// What a blank query is told: what to type, not just that something is missing.
    public const string EmptyQueryMessage =
        "Type a few words about the market, audience or problem you want gaps for, e.g. \"invoicing for freelancers\".";

    private static async Task<Results<Created<SearchResponse>, ProblemHttpResult, ValidationProblem>> Search(SearchRequest request,
        HttpContext http, UnbuiltDbContext db, ISearchProvider provider, TimeProvider clock, CancellationToken ct)
    {
        var errors = string.IsNullOrWhiteSpace(request.Query)
            ? new FieldErrors().Add("query", EmptyQueryMessage)
            : new FieldErrors().Required("query", request.Query, MaxQueryLength);
        if (errors.Any) return errors.ToProblem();
        var userId = http.User.UserId();
        var query = request.Query!.Trim();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Serialises one user's searches, so two at once cannot both take the last one of the month.
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(7301, {userId})", ct);
        var now = clock.StoredNow();
        var (quota, exceeded) = await SearchQuota.CheckAsync(http, db, userId, http.User.Tier(), now, ct);
        if (exceeded is not null) return exceeded;

        var hits = await provider.SearchAsync(query, ResultCount, ct);
        var search = new SearchRecord
        {
            UserId = userId, Query = query, CreatedAt = now,
            Results = [.. hits.Select((hit, i) => Record(hit.Entry, i + 1))],
        };
        db.Searches.Add(search);
        await db.SaveChangesAsync(ct);
        var advice = provider.Advise(query, foundNothing: hits.Count == 0);
        // A new search's results are new rows: no plan can have been made from them yet.
        var answer = TypedResults.Created($"/api/search/{search.Id}",
            SearchResponse.Of(search, advice, new Dictionary<int, int>(), quota));
        IdempotentAnswer.Store(http, answer, db, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return answer;
    }

    private static async Task<Results<Ok<List<SearchSummary>>, ValidationProblem>> List(
        int? limit, HttpContext http, UnbuiltDbContext db, CancellationToken ct)
    {
        if (limit is < 1 or > 100) return new FieldErrors().Add("limit", "limit must be 1 to 100.").ToProblem();
        var userId = http.User.UserId();
        return TypedResults.Ok(await db.Searches.Where(s => s.UserId == userId && s.DeletedAt == null)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Take(limit ?? 50)
            .Select(s => new SearchSummary(s.Id, s.Query, s.CreatedAt, s.Results.Count)).ToListAsync(ct));
    }

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Get(
        int searchId, HttpContext http, UnbuiltDbContext db, ISearchProvider provider, CancellationToken ct)
    {
        var userId = http.User.UserId();
        var search = await db.Searches.AsNoTracking().Include(s => s.Results)
            .FirstOrDefaultAsync(s => s.Id == searchId && s.UserId == userId && s.DeletedAt == null, ct);
        if (search is null) return NoSuchSearch(searchId);
        var plans = await ResultPlans.ForAsync(db, userId, [.. search.Results.Select(r => r.Id)], ct);
        // The advice is worked out again from the stored query: it is cheap and follows the catalogue as shipped.
        return TypedResults.Ok(SearchResponse.Of(search, provider.Advise(search.Query, search.Results.Count == 0), plans));
    }

    /// Own searches only (someone else's is as unknown as one never made); deleting twice is still 204.
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        int searchId, HttpContext http, UnbuiltDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var userId = http.User.UserId();
        var search = await db.Searches.FirstOrDefaultAsync(s => s.Id == searchId && s.UserId == userId, ct);
        if (search is null) return NoSuchSearch(searchId);
        search.DeletedAt ??= clock.StoredNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NoSuchSearch(int searchId) => Problems.NotFound($"There is no search {searchId}.");

    private static SearchResultRecord Record(GapEntry entry, int rank) => new()
    {
        Rank = rank, SourceId = entry.Id, Title = entry.Title, Description = entry.Description, Category = entry.Category,
        Industry = entry.Industry, InnovationScore = entry.InnovationScore, Feasibility = entry.Feasibility,
        MarketPotential = entry.MarketPotential, MarketSize = entry.MarketSize, TargetAudience = entry.TargetAudience,
        GapReason = entry.GapReason, Confidence = entry.Confidence,
    };
}

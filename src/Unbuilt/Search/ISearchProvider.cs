namespace Unbuilt.Search;

/// <summary>A source of market gaps ranked for a query. The shipped catalogue is one; another source can be
/// plugged in later without touching the search endpoint.</summary>
public interface ISearchProvider
{
    /// <summary>The best <paramref name="limit"/> gaps for <paramref name="query"/>, most relevant first. An empty
    /// query (or one made only of stop words) answers a default ranking rather than nothing.</summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int limit, CancellationToken ct);
}

/// <summary>A gap and how well it matched the query (higher is better; comparable only within one search; 0 for
/// the default ranking).</summary>
public sealed record SearchHit(GapEntry Entry, double Score);

namespace Unbuilt.Search;

/// <summary>A source of market gaps ranked for a query. The shipped catalogue is one; another source can be
/// plugged in later without touching the search endpoint.</summary>
public interface ISearchProvider
{
    /// <summary>The best <paramref name="limit"/> gaps for <paramref name="query"/>, most relevant first, none
    /// below the provider's relevance floor: a query with nothing to look for (stop words, symbols) or nothing
    /// related answers no gaps rather than unrelated ones.</summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int limit, CancellationToken ct);

    /// <summary>Help for the person who typed <paramref name="query"/>: a corrected spelling when a word is close to
    /// known vocabulary, and, when <paramref name="foundNothing"/>, a few queries worth trying instead.</summary>
    SearchAdvice Advise(string query, bool foundNothing);
}

/// <param name="DidYouMean">The query respelt with known words, or null when every word is known (or none is close).</param>
/// <param name="Suggestions">Queries that find gaps; empty unless the search found nothing.</param>
public sealed record SearchAdvice(string? DidYouMean, IReadOnlyList<string> Suggestions);

/// <summary>A gap and how well it matched the query (higher is better; comparable only within one search; 0 for
/// the default ranking).</summary>
public sealed record SearchHit(GapEntry Entry, double Score);

namespace Unbuilt.Search;

/// <summary>Full-text ranking over a <see cref="GapCatalogue"/>: stems, stop words, accent folding, BM25F with
/// title and keywords boosted, and typo tolerance. Immutable after construction; register it as a singleton.</summary>
public sealed class CatalogueSearchProvider(GapCatalogue catalogue) : ISearchProvider
{
    // Bounds the work a pasted essay can cause; the endpoint should cap the query length as well.
    private const int MaxQueryTerms = 32;
    private const int MaxTypoWordLength = 40;

    private readonly SearchIndex index = SearchIndex.Build(catalogue.Entries);

    private readonly GapEntry[] byPromise =
    [
        .. catalogue.Entries
            .OrderByDescending(e => e.InnovationScore)
            .ThenByDescending(e => e.Confidence)
            .ThenBy(e => e.Id, StringComparer.Ordinal),
    ];

    public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int limit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Search(query, limit));
    }

    /// <summary>The synchronous form of <see cref="SearchAsync"/>: the ranking is in memory and takes microseconds.</summary>
    public IReadOnlyList<SearchHit> Search(string query, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        var terms = TextAnalyzer.Analyze(query).DistinctBy(t => t.Stem).Take(MaxQueryTerms).ToList();
        if (terms.Count == 0) return [.. byPromise.Take(limit).Select(e => new SearchHit(e, 0))];

        var entries = catalogue.Entries;
        var scores = new double[entries.Count];
        var matchedTerms = new int[entries.Count];
        var termScores = new double[entries.Count];
        foreach (var term in terms)
        {
            Array.Clear(termScores);
            ScoreTerm(term, termScores);
            for (var doc = 0; doc < termScores.Length; doc++)
            {
                if (termScores[doc] <= 0) continue;
                scores[doc] += termScores[doc];
                matchedTerms[doc]++;
            }
        }

        // Coordination: an entry that matches every word of the query beats one that matches a single word often.
        var ranked = new List<int>();
        for (var doc = 0; doc < scores.Length; doc++)
        {
            if (scores[doc] <= 0) continue;
            scores[doc] *= (double)matchedTerms[doc] / terms.Count;
            ranked.Add(doc);
        }
        ranked.Sort((x, y) => scores[x] != scores[y]
            ? scores[y].CompareTo(scores[x])
            : string.CompareOrdinal(entries[x].Id, entries[y].Id));
        return [.. ranked.Take(limit).Select(doc => new SearchHit(entries[doc], scores[doc]))];
    }

    private void ScoreTerm(TextAnalyzer.Term term, double[] termScores)
    {
        if (index.Exact(term.Stem) is { } exact)
        {
            foreach (var posting in exact) termScores[posting.Document] = posting.Score;
            return;
        }

        var allowed = AllowedTypos(term.Word);
        if (allowed == 0) return;
        // A misspelt word counts once per entry, at its closest spelling, and below an exact match.
        foreach (var (postings, distance) in index.Near(term.Word, allowed))
        {
            var penalty = distance == 1 ? 0.6 : 0.35;
            foreach (var posting in postings)
                termScores[posting.Document] = Math.Max(termScores[posting.Document], posting.Score * penalty);
        }
    }

    private static int AllowedTypos(string word) => word.Length switch
    {
        > MaxTypoWordLength => 0,
        >= 8 => 2,
        >= 4 => 1,
        _ => 0,
    };
}

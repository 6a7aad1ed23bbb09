namespace Unbuilt.Search;

/// <summary>Full-text ranking over a <see cref="GapCatalogue"/>: stems, stop words, accent folding, BM25F with
/// title and keywords boosted, and typo tolerance. Immutable after construction; register it as a singleton.</summary>
public sealed class CatalogueSearchProvider(GapCatalogue catalogue) : ISearchProvider
{
    // Bounds the work a pasted essay can cause; the endpoint should cap the query length as well.
    private const int MaxQueryTerms = 32;
    private const int MaxTypoWordLength = 40;
    private const int SuggestionCount = 5;

    /// <summary>The least score a hit needs to be answered. Without a floor every query "finds" something: a gap
    /// that shares one word of a long query in passing, or a word two typos away in its description, was ranked and
    /// shown. Measured on the shipped catalogue: a query word that appears in a gap's description or audience scores
    /// about 2.5 to 3.5, one in its title, keywords or industry 4 and up; a one-typo match 0.6 of that (about 1.5),
    /// a two-typo match 0.35 (about 0.9); and coordination divides by the number of query words, so one word of
    /// "meal planning for busy parents" in a description scores about 0.25. A floor of 1 keeps every exact or
    /// one-typo match of a one-word query and, for longer queries, gaps that match a fair share of the words; it drops
    /// two-typo-only matches and stray single words. CatalogueSearchTests and SearchRelevanceTests pin both sides
    /// (every entry still ranks first for its own title, scoring 17 and up).</summary>
    public const double RelevanceFloor = 1.0;

    private readonly SearchIndex index = SearchIndex.Build(catalogue.Entries);

    /// The catalogue's most promising gaps, one per industry, by their first keyword: each finds at least its gap.
    private readonly string[] suggestions =
    [
        .. catalogue.Entries
            .OrderByDescending(e => e.InnovationScore)
            .ThenByDescending(e => e.Confidence)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .DistinctBy(e => e.Industry)
            .Take(SuggestionCount)
            .Select(e => e.Keywords[0]),
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
        // Only stop words, single letters or symbols (an emoji): nothing in it says what to look for.
        if (terms.Count == 0) return [];

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
            if (scores[doc] >= RelevanceFloor) ranked.Add(doc);
        }
        ranked.Sort((x, y) => scores[x] != scores[y]
            ? scores[y].CompareTo(scores[x])
            : string.CompareOrdinal(entries[x].Id, entries[y].Id));
        return [.. ranked.Take(limit).Select(doc => new SearchHit(entries[doc], scores[doc]))];
    }

    public SearchAdvice Advise(string query, bool foundNothing)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new SearchAdvice(DidYouMean(query), foundNothing ? suggestions : []);
    }

    /// The query with each unknown word replaced by the closest indexed spelling; null when no word changes.
    private string? DidYouMean(string query)
    {
        var words = TextAnalyzer.Words(query).Take(MaxQueryTerms * 2).ToList();
        var changed = false;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (!TextAnalyzer.IsSearchable(word) || index.Exact(PorterStemmer.Stem(word)) is not null) continue;
            var allowed = AllowedTypos(word);
            if (allowed == 0 || index.Closest(word, allowed) is not { } closest) continue;
            words[i] = closest;
            changed = true;
        }
        return changed ? string.Join(' ', words) : null;
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

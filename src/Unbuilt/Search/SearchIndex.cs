using System.Numerics;

namespace Unbuilt.Search;

/// An inverted index over the gaps, built once and read-only afterwards (safe to share between requests).
/// Scoring is BM25F: each field's term frequency is weighted and length-normalised, the weighted sum is saturated
/// once per term and document, and multiplied by the term's IDF. Postings hold that final per-term score, so a
/// query only adds numbers.
internal sealed class SearchIndex
{
    private const double K1 = 1.2;

    // Title and keywords say what a gap is; industry where; the description and audience add recall.
    private static readonly Field[] Fields =
    [
        new(e => e.Title, Weight: 3.0, B: 0.5),
        new(e => string.Join(' ', e.Keywords), Weight: 2.5, B: 0.5),
        new(e => e.Industry, Weight: 2.0, B: 0.3),
        new(e => e.TargetAudience, Weight: 1.2, B: 0.75),
        new(e => e.Description, Weight: 1.0, B: 0.75),
        new(e => e.Category.Replace('_', ' '), Weight: 0.5, B: 0),
    ];

    private readonly Dictionary<string, Posting[]> postings;
    private readonly ILookup<int, Spelling> spellingsByLength;

    private SearchIndex(Dictionary<string, Posting[]> postings, IEnumerable<TextAnalyzer.Term> vocabulary)
    {
        this.postings = postings;
        spellingsByLength = vocabulary
            .Select(t => new Spelling(t.Word, t.Stem, Letters(t.Word)))
            .ToLookup(s => s.Word.Length);
    }

    public readonly record struct Posting(int Document, double Score);

    private sealed record Field(Func<GapEntry, string> Text, double Weight, double B);

    /// An indexed word with the set of letters it uses, to rule most words out before computing a distance.
    private sealed record Spelling(string Word, string Stem, uint Letters);

    public static SearchIndex Build(IReadOnlyList<GapEntry> entries)
    {
        var analysed = entries.Select(e => Fields.Select(f => TextAnalyzer.Analyze(f.Text(e))).ToArray()).ToArray();
        var averageLength = Fields.Select((_, f) => Math.Max(1.0, analysed.Average(doc => doc[f].Count))).ToArray();

        // stem → document → weighted, length-normalised term frequency
        var frequencies = new Dictionary<string, SortedDictionary<int, double>>(StringComparer.Ordinal);
        var words = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var doc = 0; doc < analysed.Length; doc++)
        {
            for (var f = 0; f < Fields.Length; f++)
            {
                var terms = analysed[doc][f];
                var norm = Fields[f].Weight / (1 - Fields[f].B + Fields[f].B * terms.Count / averageLength[f]);
                foreach (var term in terms)
                {
                    words.TryAdd(term.Word, term.Stem);
                    var byDoc = frequencies.TryGetValue(term.Stem, out var found) ? found : frequencies[term.Stem] = [];
                    byDoc[doc] = byDoc.GetValueOrDefault(doc) + norm;
                }
            }
        }

        var n = analysed.Length;
        var postings = frequencies.ToDictionary(pair => pair.Key, pair =>
        {
            var df = pair.Value.Count;
            var idf = Math.Log(1 + (n - df + 0.5) / (df + 0.5));
            return pair.Value.Select(d => new Posting(d.Key, idf * d.Value * (K1 + 1) / (K1 + d.Value))).ToArray();
        }, StringComparer.Ordinal);
        return new SearchIndex(postings, words.Select(w => new TextAnalyzer.Term(w.Key, w.Value)));
    }

    public Posting[]? Exact(string stem) => postings.GetValueOrDefault(stem);

    /// Stems of indexed words within <paramref name="maxDistance"/> edits of <paramref name="word"/>, each with
    /// its smallest distance, in a stable order.
    public IEnumerable<(Posting[] Postings, int Distance)> Near(string word, int maxDistance)
    {
        var best = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (candidate, distance) in Spellings(word, maxDistance))
        {
            if (distance < best.GetValueOrDefault(candidate.Stem, int.MaxValue)) best[candidate.Stem] = distance;
        }
        return best.Select(pair => (postings[pair.Key], pair.Value));
    }

    /// The indexed spelling closest to <paramref name="word"/> within <paramref name="maxDistance"/> edits, or
    /// null. Ties go to the word whose stem more gaps use (the likelier meant), then to the alphabetically first.
    public string? Closest(string word, int maxDistance) => Spellings(word, maxDistance)
        .OrderBy(s => s.Distance)
        .ThenByDescending(s => postings[s.Spelling.Stem].Length)
        .ThenBy(s => s.Spelling.Word, StringComparer.Ordinal)
        .Select(s => s.Spelling.Word)
        .FirstOrDefault();

    private IEnumerable<(Spelling Spelling, int Distance)> Spellings(string word, int maxDistance)
    {
        var letters = Letters(word);
        for (var length = word.Length - maxDistance; length <= word.Length + maxDistance; length++)
        {
            foreach (var candidate in spellingsByLength[length])
            {
                // One edit changes at most two letters of the set, so a larger difference cannot be close enough.
                if (BitOperations.PopCount(candidate.Letters ^ letters) > 2 * maxDistance) continue;
                var distance = EditDistance.AtMost(candidate.Word, word, maxDistance);
                if (distance <= maxDistance) yield return (candidate, distance);
            }
        }
    }

    // Bits 0-25 for a-z, 26-31 shared by digits and other letters by code point.
    private static uint Letters(string word)
    {
        var set = 0u;
        foreach (var c in word) set |= 1u << (c is >= 'a' and <= 'z' ? c - 'a' : 26 + c % 6);
        return set;
    }
}

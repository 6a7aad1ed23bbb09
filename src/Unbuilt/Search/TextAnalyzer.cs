using System.Collections.Frozen;
using System.Text;

namespace Unbuilt.Search;

/// Turns text into search terms: lower case, accents folded, split on anything that is not a letter or digit,
/// stop words and single characters dropped, each word paired with its Porter stem.
internal static class TextAnalyzer
{
    /// <param name="Word">The folded surface form, kept for typo matching.</param>
    /// <param name="Stem">What the index is keyed on.</param>
    public readonly record struct Term(string Word, string Stem);

    // InvariantGlobalization is on, so string.Normalize cannot strip accents: fold Latin-1 and Latin Extended-A
    // by table (lower case only; the input is lowered first).
    private const string Accented = "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž";
    private const string Plain = "aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnooooooooorrrsssstttuuuuuuuuuuwyyyzzz";

    private static readonly FrozenDictionary<char, string> Folds = Accented
        .Select((c, i) => KeyValuePair.Create(c, Plain[i].ToString()))
        .Concat([KeyValuePair.Create('ß', "ss"), KeyValuePair.Create('æ', "ae"), KeyValuePair.Create('œ', "oe"),
            KeyValuePair.Create('þ', "th"), KeyValuePair.Create('ð', "d")])
        .ToFrozenDictionary();

    private static readonly FrozenSet<string> StopWords = FrozenSet.ToFrozenSet(
    [
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at", "be",
        "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "dont", "down", "during", "each", "few", "for", "from", "further", "get", "had", "has",
        "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it",
        "its", "just", "me", "more", "most", "my", "no", "nor", "not", "of", "off", "on", "once", "only", "or",
        "other", "our", "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that",
        "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under",
        "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
        "will", "with", "without", "would", "you", "your", "yours",
    ], StringComparer.Ordinal);

    public static List<Term> Analyze(string text) =>
        [.. Words(text).Where(IsSearchable).Select(w => new Term(w, PorterStemmer.Stem(w)))];

    /// Every word of <paramref name="text"/>, lowered and folded, stop words and single letters included (a
    /// suggested spelling of the query keeps them, so "invoicng for freelncers" reads "invoicing for freelancers").
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text)
        {
            // "women's" is one word; combining marks (a decomposed accent) belong to the letter before them.
            if (c is '\'' or '\u2019' || c is >= '\u0300' and <= '\u036f') continue;
            if (!char.IsLetterOrDigit(c))
            {
                Flush(word, words);
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            if (lower >= '\u00c0' && Folds.TryGetValue(lower, out var plain)) word.Append(plain);
            else word.Append(lower);
        }
        Flush(word, words);
        return words;
    }

    /// Whether a word is worth looking up: stop words and single characters match too much to mean anything.
    public static bool IsSearchable(string word) => word.Length > 1 && !StopWords.Contains(word);

    private static void Flush(StringBuilder word, List<string> words)
    {
        if (word.Length > 0) words.Add(word.ToString());
        word.Clear();
    }
}

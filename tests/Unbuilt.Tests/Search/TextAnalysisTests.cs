using Unbuilt.Search;

namespace Unbuilt.Tests.Search;

public sealed class TextAnalysisTests
{
    // Vectors from Porter's published vocabulary and the examples in his paper.
    [Theory]
    [InlineData("caresses", "caress")] [InlineData("ponies", "poni")] [InlineData("cats", "cat")]
    [InlineData("feed", "feed")] [InlineData("agreed", "agre")] [InlineData("plastered", "plaster")]
    [InlineData("motoring", "motor")] [InlineData("sing", "sing")] [InlineData("conflated", "conflat")]
    [InlineData("hopping", "hop")] [InlineData("falling", "fall")] [InlineData("filing", "file")]
    [InlineData("happy", "happi")] [InlineData("relational", "relat")] [InlineData("conditional", "condit")]
    [InlineData("digitizer", "digit")] [InlineData("operator", "oper")] [InlineData("hopefulness", "hope")]
    [InlineData("sensibiliti", "sensibl")] [InlineData("electrical", "electr")] [InlineData("goodness", "good")]
    [InlineData("allowance", "allow")] [InlineData("adjustable", "adjust")] [InlineData("replacement", "replac")]
    [InlineData("adoption", "adopt")] [InlineData("effective", "effect")] [InlineData("probate", "probat")]
    [InlineData("controll", "control")] [InlineData("generalizations", "gener")] [InlineData("oscillators", "oscil")]
    [InlineData("invoicing", "invoic")] [InlineData("invoice", "invoic")] [InlineData("scheduling", "schedul")]
    [InlineData("logistics", "logist")] [InlineData("is", "is")] [InlineData("b2b", "b2b")]
    public void The_stemmer_matches_Porter(string word, string stem) => Assert.Equal(stem, PorterStemmer.Stem(word));

    [Fact]
    public void Text_is_folded_split_and_stripped_of_stop_words()
    {
        var terms = TextAnalyzer.Analyze("The Women's Café-Owners: naïve, ÆSTHETIC & straße — x 42!");

        Assert.Equal(["womens", "cafe", "owners", "naive", "aesthetic", "strasse", "42"], terms.Select(t => t.Word));
        Assert.Equal(["women", "cafe", "owner", "naiv", "aesthet", "strass", "42"], terms.Select(t => t.Stem));
    }

    [Fact]
    public void A_decomposed_accent_folds_like_a_composed_one() =>
        Assert.Equal(TextAnalyzer.Analyze("caf\u00e9"), TextAnalyzer.Analyze("cafe\u0301"));

    [Theory]
    [InlineData("logistics", "logistcs", 2, 1)]
    [InlineData("from", "form", 1, 1)]
    [InlineData("kitten", "sitting", 3, 3)]
    [InlineData("kitten", "sitting", 2, 3)]
    [InlineData("short", "muchlonger", 2, 3)]
    [InlineData("same", "same", 1, 0)]
    public void Edit_distance_counts_a_swap_as_one_and_stops_past_the_limit(string a, string b, int max, int expected) =>
        Assert.Equal(expected, EditDistance.AtMost(a, b, max));
}

using Unbuilt.Search;

namespace Unbuilt.Tests.Search;

/// The relevance floor and the advice that comes with a search: unrelated queries find nothing, and say what to try.
public sealed class SearchRelevanceTests
{
    private static readonly CatalogueSearchProvider Provider = new(GapCatalogue.Shipped);

    [Theory]
    [InlineData("🐶🐱")]
    [InlineData("a")]
    [InlineData("xqzvbnm")]
    [InlineData("purple elephant")]
    public void An_unrelated_query_finds_nothing_and_is_offered_queries_that_do(string query)
    {
        Assert.Empty(Provider.Search(query, 10));

        var advice = Provider.Advise(query, foundNothing: true);

        Assert.InRange(advice.Suggestions.Count, 3, 5);
        Assert.All(advice.Suggestions, s => Assert.NotEmpty(Provider.Search(s, 10)));
    }

    [Fact]
    public void Misspelt_words_near_known_ones_are_respelt()
    {
        var advice = Provider.Advise("invoicng for freelncers", foundNothing: false);

        Assert.Equal("invoicing for freelancers", advice.DidYouMean);
        Assert.NotEmpty(Provider.Search("invoicng for freelncers", 10));
        Assert.Empty(advice.Suggestions);
    }

    [Theory]
    [InlineData("invoicing for freelancers")]
    [InlineData("xqzvbnm")]
    [InlineData("🐶🐱")]
    public void A_query_of_known_words_or_of_nothing_close_has_no_respelling(string query) =>
        Assert.Null(Provider.Advise(query, foundNothing: false).DidYouMean);

    /// What the app's own callers search for (tests and the load test) must keep finding gaps above the floor.
    [Theory]
    [InlineData("idea")]
    [InlineData("pets")]
    [InlineData("pet care")]
    [InlineData("restaurants")]
    [InlineData("rural clinics")]
    [InlineData("meal planning")]
    [InlineData("meal planning for busy parents")]
    [InlineData("remote team onboarding")]
    [InlineData("pet care scheduling")]
    [InlineData("local tutoring marketplace")]
    [InlineData("inventory for small farms")]
    [InlineData("accessible travel booking")]
    [InlineData("elderly care coordination")]
    [InlineData("freelancer invoicing")]
    public void Everyday_queries_still_find_gaps(string query) => Assert.NotEmpty(Provider.Search(query, 10));

    /// A long query used to answer every gap that shared any one word with it (102 of 300 here); only the ones that
    /// match enough of it are left, the best still first.
    [Fact]
    public void Stray_single_word_matches_of_a_long_query_are_dropped()
    {
        var hits = Provider.Search("meal planning for busy parents", 300);

        Assert.All(hits, h => Assert.True(h.Score >= CatalogueSearchProvider.RelevanceFloor));
        Assert.InRange(hits.Count, 10, 40);
        Assert.Contains("meal", hits[0].Entry.Title, StringComparison.OrdinalIgnoreCase);
    }
}

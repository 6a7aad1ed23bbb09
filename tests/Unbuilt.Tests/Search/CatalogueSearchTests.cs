using Unbuilt.Search;

namespace Unbuilt.Tests.Search;

public sealed class CatalogueSearchTests
{
    private static readonly CatalogueSearchProvider Provider = new(GapCatalogue.Shipped);

    private static string[] TopIds(string query, int limit = 3) => [.. Provider.Search(query, limit).Select(h => h.Entry.Id)];

    [Fact]
    public void Every_entry_ranks_first_for_its_own_title()
    {
        var misses = GapCatalogue.Shipped.Entries
            .Where(e => TopIds(e.Title, 1).SingleOrDefault() != e.Id)
            .Select(e => $"{e.Title} → {TopIds(e.Title, 1).SingleOrDefault()}")
            .ToList();

        Assert.Empty(misses);
    }

    [Theory]
    [InlineData("invoicing", "invoicing-and-tax-set-aside-for-gig-workers")]
    [InlineData("invoices for freelancers", "invoicing-and-tax-set-aside-for-gig-workers")]
    [InlineData("rostering hourly workers", "fair-shift-scheduling-for-hourly-teams")]
    [InlineData("pet insurance", "direct-pay-pet-insurance-at-the-vet")]
    [InlineData("detecting falls", "fall-detection-without-wearables")]
    public void A_word_finds_entries_that_use_another_form_of_it(string query, string expected) =>
        Assert.Contains(expected, TopIds(query));

    [Theory]
    [InlineData("dock scheduleing", "dock-scheduling-for-small-warehouses")]
    [InlineData("wharehouse dock", "dock-scheduling-for-small-warehouses")]
    [InlineData("flaky tsets", "flaky-test-detection-and-quarantine")]
    [InlineData("therapy for mne", "therapy-for-men-who-avoid-therapy")]
    public void A_typo_still_finds_the_entry(string query, string expected) => Assert.Equal(expected, TopIds(query)[0]);

    [Fact]
    public void A_misspelt_industry_finds_that_industry_but_scores_below_the_exact_spelling()
    {
        var typo = Provider.Search("logistcs", 3);
        var exact = Provider.Search("logistics", 3);

        Assert.All(typo, hit => Assert.Equal("Logistics", hit.Entry.Industry));
        Assert.True(typo[0].Score < exact[0].Score);
    }

    [Fact]
    public void Accents_and_case_are_ignored() =>
        Assert.Equal(TopIds("therapy for men"), TopIds("THÉRAPY for Mén"));

    [Theory]
    [InlineData("   ")]
    [InlineData("the and of it")]
    [InlineData("a")]
    [InlineData("🐶🐱")]
    public void A_query_with_nothing_to_look_for_finds_nothing(string query) => Assert.Empty(Provider.Search(query, 20));

    [Fact]
    public void The_limit_is_respected_and_nothing_matching_answers_nothing()
    {
        Assert.Equal(7, Provider.Search("small business", 7).Count);
        Assert.Single(Provider.Search("health", 1));
        Assert.Empty(Provider.Search("qwxzzv", 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Provider.Search("health", 0));
    }

    [Fact]
    public void Ranking_is_deterministic_with_ties_broken_by_id()
    {
        var first = new CatalogueSearchProvider(GapCatalogue.Shipped).Search("rural small business", 50);
        var second = new CatalogueSearchProvider(GapCatalogue.Shipped).Search("rural small business", 50);

        Assert.Equal(first, second);
        Assert.All(first.Zip(first.Skip(1)), pair => Assert.True(
            pair.First.Score > pair.Second.Score
            || (pair.First.Score == pair.Second.Score && string.CompareOrdinal(pair.First.Entry.Id, pair.Second.Entry.Id) < 0)));
    }

    [Fact]
    public async Task SearchAsync_answers_the_same_ranking_and_honours_cancellation()
    {
        Assert.Equal(Provider.Search("solar", 5), await Provider.SearchAsync("solar", 5, CancellationToken.None));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Provider.SearchAsync("solar", 5, new CancellationToken(true)));
    }
}

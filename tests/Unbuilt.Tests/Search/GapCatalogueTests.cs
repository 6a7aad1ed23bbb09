using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Unbuilt.Search;

namespace Unbuilt.Tests.Search;

public sealed partial class GapCatalogueTests
{
    private static readonly IReadOnlyList<GapEntry> Entries = GapCatalogue.Shipped.Entries;

    [Fact]
    public void The_shipped_catalogue_has_at_least_250_entries() => Assert.InRange(Entries.Count, 250, 1000);

    [Fact]
    public void Ids_are_unique_slugs_and_titles_and_descriptions_are_unique()
    {
        Assert.All(Entries, e => Assert.Matches(Slug(), e.Id));
        Assert.Equal(Entries.Count, Entries.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Entries.Count, Entries.Select(e => e.Title).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(Entries.Count, Entries.Select(e => e.Description).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Every_category_has_at_least_40_entries()
    {
        var counts = Entries.GroupBy(e => e.Category).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(GapCategories.All.Order(), counts.Keys.Order());
        Assert.All(counts.Values, count => Assert.True(count >= 40, $"{count} entries"));
    }

    [Fact]
    public void Entries_span_at_least_20_industries() =>
        Assert.True(Entries.Select(e => e.Industry).Distinct().Count() >= 20);

    [Fact]
    public void Every_field_is_filled_and_in_range()
    {
        Assert.All(Entries, e =>
        {
            Assert.All(new[] { e.Title, e.Description, e.Industry, e.TargetAudience, e.GapReason },
                text => Assert.False(string.IsNullOrWhiteSpace(text), e.Id));
            Assert.InRange(Sentences().Count(e.Description), 2, 3);
            Assert.InRange(e.Keywords.Count, 2, 8);
            Assert.All(e.Keywords, k => Assert.False(string.IsNullOrWhiteSpace(k), e.Id));
            Assert.InRange(e.InnovationScore, 1, 10);
            Assert.InRange(e.Confidence, 0, 100);
            Assert.Contains(e.Feasibility, GapRatings.All);
            Assert.Contains(e.MarketPotential, GapRatings.All);
            Assert.Matches(MarketSize(), e.MarketSize);
        });
    }

    [Fact]
    public void Find_answers_an_entry_by_id_and_null_for_an_unknown_id()
    {
        Assert.Same(Entries[42], GapCatalogue.Shipped.Find(Entries[42].Id));
        Assert.Null(GapCatalogue.Shipped.Find("no-such-gap"));
    }

    [Fact]
    public void Loading_rejects_a_missing_field_and_a_duplicate_id()
    {
        var entry = JsonSerializer.Serialize(Entries[0], JsonSerializerOptions.Web);
        var withoutTitle = entry.Replace($"\"title\":\"{Entries[0].Title}\",", "", StringComparison.Ordinal);

        Assert.ThrowsAny<JsonException>(() => GapCatalogue.Load(Utf8($"[{withoutTitle}]")));
        Assert.Throws<InvalidDataException>(() => GapCatalogue.Load(Utf8($"[{entry},{entry}]")));
    }

    private static MemoryStream Utf8(string json) => new(Encoding.UTF8.GetBytes(json));

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    [GeneratedRegex(@"[.!?](\s|$)")]
    private static partial Regex Sentences();

    [GeneratedRegex(@"^\$\d+(\.\d)?[MB]$")]
    private static partial Regex MarketSize();
}

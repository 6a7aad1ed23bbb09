using Unbuilt.Plans.Templates;
using Unbuilt.Search;

namespace Unbuilt.Tests.Plans.Templates;

public sealed class TemplateChoiceTests
{
    [Theory]
    [InlineData("market", "Legal", "service-business")]
    [InlineData("market", "Manufacturing", "service-business")]
    [InlineData("market", "Fintech", "software-startup")]
    [InlineData("market", "Creator Economy", "content-platform")]
    [InlineData("technology", "Agriculture", "physical-product")]
    [InlineData("technology", "Fintech", "software-startup")]
    [InlineData("technology", "Gaming", "software-startup")]
    [InlineData("ux", "Health", "software-startup")]
    [InlineData("ux", "Gaming", "content-platform")]
    [InlineData("business_model", "Logistics", "marketplace")]
    [InlineData("business_model", "Creator Economy", "content-platform")]
    [InlineData("MARKET", "  legal ", "service-business")]
    [InlineData("business_model", null, "marketplace")]
    [InlineData("market", null, "software-startup")]
    [InlineData("technology", "Underwater Basket Weaving", "software-startup")]
    [InlineData("vibes", "Health", "software-startup")]
    public void A_category_and_industry_choose_a_template(string category, string? industry, string expected) =>
        Assert.Equal(expected, PlanTemplates.ForCategory(category, industry).Id);

    [Fact]
    public void The_shipped_catalogue_uses_all_five_templates()
    {
        var chosen = GapCatalogue.Shipped.Entries
            .GroupBy(e => PlanTemplates.ForCategory(e.Category, e.Industry).Id)
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(PlanTemplates.All.Select(t => t.Id).Order(), chosen.Keys.Order());
    }
}

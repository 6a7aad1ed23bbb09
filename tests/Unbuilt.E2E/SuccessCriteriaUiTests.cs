using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Unbuilt.E2E;

/// The admin flag page's Success criteria: the current phase's verdicts in words, earlier phases on request, on a
/// desktop and on a phone, with no accessibility violations.
public sealed class SuccessCriteriaUiTests(BrowserServer server) : BrowserTest(server)
{
    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task The_criteria_of_the_current_and_earlier_phases_read_as_words(int width, int height)
    {
        using (var client = Server.Client(Admin))
        {
            (await client.PostAsJsonAsync($"/api/feature-flags/{Arrange.Flag}/deploy", new { phase = "beta" })).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync($"/api/feature-flags/{Arrange.Flag}/deploy", new { phase = "expanded" })).EnsureSuccessStatusCode();
        }
        var page = await PageAsync(Admin, width, height);
        await page.GotoAsync($"/admin/flags/{Arrange.Flag}");

        var section = page.GetByRole(AriaRole.Region, new() { Name = "Success criteria" });
        var current = section.GetByRole(AriaRole.Article, new() { Name = "expanded phase (current)" });
        await Expect(current).ToBeVisibleAsync();
        await Expect(current.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(6);
        await Expect(current.GetByRole(AriaRole.Listitem).First).ToContainTextAsync("Engagement");
        await Expect(current.GetByRole(AriaRole.Listitem).First).ToContainTextAsync("Not enough data", new() { IgnoreCase = true });
        await page.AssertNoViolationsAsync($"success criteria at {width} px");

        await section.GetByRole(AriaRole.Button, new() { Name = "Show earlier phases" }).ClickAsync();

        var beta = section.GetByRole(AriaRole.Article, new() { Name = "beta phase" });
        await Expect(beta).ToBeVisibleAsync();
        await Expect(beta.GetByRole(AriaRole.Heading)).ToContainTextAsync("Not enough data", new() { IgnoreCase = true });
        await page.AssertNoViolationsAsync($"earlier phases at {width} px");
        Assert.False(await page.ScrollsSidewaysAsync(), $"The flag page scrolls sideways at {width} px.");
    }
}

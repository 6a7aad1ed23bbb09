using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Unbuilt.E2E;

/// The flag page's Advance: refused without evidence, the reason shown by the button, then forced after confirming.
public sealed class FlagAdvanceTests(BrowserServer server) : BrowserTest(server)
{
    [Fact]
    public async Task A_refused_advance_says_why_by_the_button_and_force_advance_goes_ahead_after_confirming()
    {
        using (var client = Server.Client(Admin))
            (await client.PostAsJsonAsync($"/api/feature-flags/{Arrange.Flag}/deploy", new { phase = "beta" })).EnsureSuccessStatusCode();
        var page = await PageAsync(Admin);
        await page.GotoAsync($"/admin/flags/{Arrange.Flag}");
        var phases = page.GetByRole(AriaRole.Region, new() { Name = "Rollout phase" });

        await phases.GetByRole(AriaRole.Button, new() { Name = "Advance to expanded" }).ClickAsync();
        var asking = page.GetByRole(AriaRole.Dialog, new() { Name = "Advance to expanded?" });
        await Expect(asking).ToContainTextAsync("Health is unknown");
        await asking.GetByRole(AriaRole.Button, new() { Name = "Advance to expanded" }).ClickAsync();

        var refusal = phases.GetByRole(AriaRole.Alert);
        await Expect(refusal).ToContainTextAsync(new Regex(@"Health unknown: \d+ of the 100 requests needed\."));
        await Expect(refusal).ToContainTextAsync("The beta phase is planned for 7 d and has 7 d to go.");
        await refusal.GetByRole(AriaRole.Button, new() { Name = "Force advance…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Force advance to expanded?" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Force advance" }).ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        var steps = page.GetByRole(AriaRole.List, new() { Name = "Rollout phases" });
        await Expect(steps.Locator("[aria-current=step]")).ToContainTextAsync("expanded");
        await Expect(page.GetByText("forced past health unknown", new() { Exact = false })).ToBeVisibleAsync();
    }
}

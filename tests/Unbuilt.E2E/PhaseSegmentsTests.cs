using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Unbuilt.E2E;

/// A phase's segments from the flag page's Timeline: the internal phase gets the "internal" segment in a dialog, on a
/// desktop and on a phone, axe-clean; the plan stored is the flag's own with that one change.
public sealed class PhaseSegmentsTests(BrowserServer server) : BrowserTest(server)
{
    [Theory]
    [InlineData(1366, 850, false)]
    [InlineData(390, 844, true)]
    public async Task An_operator_gives_the_internal_phase_its_segment(int width, int height, bool touch)
    {
        using (var client = Server.Client(Admin))
            (await client.PostAsJsonAsync("/api/segments", new { name = "internal", emailDomains = new[] { "unbuilt.io" } })).EnsureSuccessStatusCode();
        var page = await PageAsync(Admin, width, height, touch);
        await page.GotoAsync($"/admin/flags/{Arrange.Flag}");
        var timeline = page.GetByRole(AriaRole.Region, new() { Name = "Timeline" });

        await timeline.GetByRole(AriaRole.Button, new() { Name = "Segments of the internal phase" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Segments of the internal phase" });
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "internal" }).CheckAsync();
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Reason (optional, kept in the history)" }).FillAsync("staff first");
        await page.AssertNoViolationsAsync("the phase segments dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(timeline.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "internal" }).First).ToContainTextAsync("internal Segments…");
        using var admin = Server.Client(Admin);
        var flag = await admin.GetFromJsonAsync<JsonElement>($"/api/feature-flags/{Arrange.Flag}");
        var internalPhase = flag.GetProperty("rolloutPlan").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "internal");
        Assert.Equal(["internal"], internalPhase.GetProperty("segments").EnumerateArray().Select(s => s.GetString()));
        var sideways = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(sideways, "The flag page scrolls sideways.");
    }
}

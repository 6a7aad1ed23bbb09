using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Unbuilt.E2E;

/// The flag page's Timeline: schedule the rest of the rollout from a dialog that shows the health, read what the next
/// step waits for, and stop it; on a desktop and on a phone, axe-clean in each state.
public sealed class FlagScheduleTests(BrowserServer server) : BrowserTest(server)
{
    [Theory]
    [InlineData(1366, 850, false)]
    [InlineData(390, 844, true)]
    public async Task An_operator_schedules_the_rest_of_the_rollout_sees_what_it_waits_for_and_stops_it(int width, int height, bool touch)
    {
        using (var client = Server.Client(Admin))
            (await client.PostAsJsonAsync($"/api/feature-flags/{Arrange.Flag}/deploy", new { phase = "internal" })).EnsureSuccessStatusCode();
        var page = await PageAsync(Admin, width, height, touch);
        await page.GotoAsync($"/admin/flags/{Arrange.Flag}");
        var timeline = page.GetByRole(AriaRole.Region, new() { Name = "Timeline" });
        await Expect(timeline.Locator("[aria-current=step]")).ToContainTextAsync("internal");
        await Expect(timeline).ToContainTextAsync("Every step is taken by hand.");

        await timeline.GetByRole(AriaRole.Button, new() { Name = "Advance automatically…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Advance automatically?" });
        await Expect(dialog).ToContainTextAsync("Health now: unknown");
        await page.AssertNoViolationsAsync("the schedule dialog");
        await dialog.GetByRole(AriaRole.Combobox, new() { Name = "Up to" }).SelectOptionAsync("expanded");
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Reason (optional, kept in the history)" }).FillAsync("internal looks fine");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(timeline).ToContainTextAsync("Advancing by itself up to expanded");
        await Expect(timeline).ToContainTextAsync("the internal phase is planned for 3 d and has 3 d to go");
        await Expect(timeline.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "beta" })).ToContainTextAsync("By itself, not before");
        await Expect(timeline.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "general" })).ToContainTextAsync("By hand");
        await Expect(page.GetByText("advance by itself up to expanded: internal looks fine")).ToBeVisibleAsync();
        await page.AssertNoViolationsAsync("a scheduled rollout");
        var sideways = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(sideways, "The flag page scrolls sideways.");

        await timeline.GetByRole(AriaRole.Button, new() { Name = "Stop schedule" }).ClickAsync();
        await Expect(timeline).ToContainTextAsync("Every step is taken by hand.");
    }
}

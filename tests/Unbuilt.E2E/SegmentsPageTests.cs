using Microsoft.Playwright;

namespace Unbuilt.E2E;

/// The segments page on a desktop and on a phone: reached from Admin, create "internal" (a bad domain first), edit
/// it, read its history, delete it after confirming with a reason; axe finds nothing in any of those states.
public sealed class SegmentsPageTests(BrowserServer server) : BrowserTest(server)
{
    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task An_admin_creates_edits_and_deletes_a_segment(string screen)
    {
        var page = screen == "phone" ? await PageAsync(Admin, 390, 844, touch: true) : await PageAsync(Admin, 1366, 850);
        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Segments" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Segments", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("No segments yet", new() { Exact = false })).ToBeVisibleAsync();
        await page.AssertNoViolationsAsync($"{screen}: no segments");

        await page.GetByRole(AriaRole.Button, new() { Name = "New segment" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "New segment" });
        await dialog.GetByLabel("Name").FillAsync("internal");
        await dialog.GetByLabel("Email domains").FillAsync("unbuilt");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create segment" }).ClickAsync();
        await Expect(dialog.GetByText("Not an email domain", new() { Exact = false })).ToBeVisibleAsync();
        await page.AssertNoViolationsAsync($"{screen}: new segment with an error");
        await dialog.GetByLabel("Email domains").FillAsync("unbuilt.io");
        await dialog.GetByLabel("Reason", new() { Exact = false }).FillAsync("dogfooding");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create segment" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        var card = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "internal" }) });
        await Expect(card).ToContainTextAsync("email domain unbuilt.io");
        await Expect(card).ToContainTextAsync("Targeted by no flag.");
        await page.AssertNoViolationsAsync($"{screen}: one segment");

        await card.GetByRole(AriaRole.Button, new() { Name = "Edit internal" }).ClickAsync();
        var edit = page.GetByRole(AriaRole.Dialog, new() { Name = "Edit segment internal" });
        await edit.GetByLabel("pro").CheckAsync();
        await page.AssertNoViolationsAsync($"{screen}: edit dialog");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save segment" }).ClickAsync();
        await Expect(edit).ToHaveCountAsync(0);
        await Expect(card).ToContainTextAsync("email domain unbuilt.io, tier pro");
        await card.GetByRole(AriaRole.Button, new() { Name = "History of internal" }).ClickAsync();
        await Expect(card.GetByText("Reason: dogfooding")).ToBeVisibleAsync();
        await Expect(card.GetByText("tiers: none → pro")).ToBeVisibleAsync();
        await page.AssertNoViolationsAsync($"{screen}: history");

        await card.GetByRole(AriaRole.Button, new() { Name = "Delete internal" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Delete segment internal?" });
        await confirm.GetByLabel("Reason", new() { Exact = false }).FillAsync("not needed");
        await page.AssertNoViolationsAsync($"{screen}: delete confirmation");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Delete segment" }).ClickAsync();
        await Expect(page.GetByText("No segments yet", new() { Exact = false })).ToBeVisibleAsync();
    }
}

using Microsoft.Playwright;

namespace Unbuilt.E2E;

/// The webhooks page on a desktop and on a phone: reached from Admin, add, send a test and read the delivery log,
/// remove after confirming; axe finds nothing in any of those states.
public sealed class WebhooksPageTests(BrowserServer server) : BrowserTest(server)
{
    // Nothing listens on the discard port: the test delivery fails to connect and waits for its retry.
    private const string Receiver = "http://127.0.0.1:9/hook";

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task An_admin_adds_tests_reads_the_log_and_removes_a_webhook(string screen)
    {
        var page = screen == "phone" ? await PageAsync(Admin, 390, 844, touch: true) : await PageAsync(Admin, 1366, 850);
        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Webhooks", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("No webhooks yet", new() { Exact = false })).ToBeVisibleAsync();
        await page.AssertNoViolationsAsync($"{screen}: no webhooks");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Add webhook" });
        await dialog.GetByLabel("URL").FillAsync("not a url");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();
        await Expect(dialog.GetByText("url must be an absolute http:// or https:// URL.")).ToBeVisibleAsync();
        await page.AssertNoViolationsAsync($"{screen}: add dialog with an error");
        await dialog.GetByLabel("URL").FillAsync(Receiver);
        await dialog.GetByLabel("A flag changed").CheckAsync();
        await dialog.GetByLabel("Secret (optional)").FillAsync("a-long-enough-shared-secret");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        var card = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = Receiver }) });
        await Expect(card).ToContainTextAsync("guard.acted, alert.raised, alert.resolved, flag.changed · signed");
        await card.GetByRole(AriaRole.Button, new() { Name = "Send test" }).ClickAsync();
        var row = card.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "webhook.test" }) });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("pending", new() { Timeout = 15_000 });
        await page.AssertNoViolationsAsync($"{screen}: delivery log");

        await card.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Remove this webhook?" });
        await page.AssertNoViolationsAsync($"{screen}: remove confirmation");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Remove webhook" }).ClickAsync();
        await Expect(page.GetByText("No webhooks yet", new() { Exact = false })).ToBeVisibleAsync();
    }
}

using Microsoft.Playwright;

namespace Unbuilt.E2E;

/// A Content-Security-Policy that blocks something the app needs breaks the page without an error anywhere but the
/// console: every main page, the live channel and the API reference are opened with it and must say nothing.
public sealed class SecurityPolicyTests(BrowserServer server) : BrowserTest(server)
{
    [Fact]
    public async Task The_main_pages_and_the_live_channel_run_under_the_policy_without_a_violation()
    {
        var (user, plan) = await UserWithPlanAsync();
        await Server.ShareAsync(user, plan.Id(), Admin.Email);
        var desktop = await PageAsync(user);
        var admin = await PageAsync(Admin);
        var violations = new List<string>();
        Watch(desktop, violations);
        Watch(admin, violations);

        foreach (var main in MainPages.For(plan.Id(), MainPages.SearchId(plan), plan.Phases()[0].Tasks()[0].Title()))
        {
            var page = main.AdminOnly ? admin : desktop;
            await page.GotoAsync(main.Path);
            await main.Ready(page);
        }
        await desktop.GotoAsync($"/plans/{plan.Id()}");
        // Presence arrives over the WebSocket only: its list proves connect-src lets the hub through.
        await Expect(desktop.GetByRole(AriaRole.List, new() { Name = "Viewing now" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);

        Assert.Empty(violations);
    }

    [Fact]
    public async Task The_api_reference_renders_under_its_own_policy()
    {
        var page = await AnonymousPageAsync();
        var violations = new List<string>();
        Watch(page, violations);

        await page.GotoAsync("/api-docs/");

        await Expect(page.GetByText("/api/auth/login").First).ToBeVisibleAsync();
        Assert.Empty(violations);
    }

    private static void Watch(IPage page, List<string> found) =>
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) ||
                message.Text.Contains("Permissions-Policy", StringComparison.OrdinalIgnoreCase))
                lock (found) found.Add(message.Text);
        };
}

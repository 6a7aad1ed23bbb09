using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Unbuilt.E2E;

/// axe-core (from the web app's node_modules) on every main page: no WCAG 2.1 A/AA violations.
public sealed class AccessibilityTests(BrowserServer server, ITestOutputHelper output) : BrowserTest(server)
{
    [Fact]
    public async Task The_main_pages_have_no_axe_violations()
    {
        var (user, plan) = await UserWithPlanAsync();
        await Server.ShareAsync(user, plan.Id(), Admin.Email);
        var pages = MainPages.For(plan.Id(), MainPages.SearchId(plan), plan.Phases()[0].Tasks()[0].Title());
        var desktop = await PageAsync(user);
        var admin = await PageAsync(Admin);

        var problems = new List<string>();
        foreach (var main in pages)
        {
            var page = main.AdminOnly ? admin : desktop;
            await page.GotoAsync(main.Path);
            await main.Ready(page);
            problems.AddRange((await page.ViolationsAsync()).Select(v => $"{main.Path}: {v}"));
        }

        foreach (var problem in problems) output.WriteLine(problem);
        Assert.Empty(problems);
    }
}

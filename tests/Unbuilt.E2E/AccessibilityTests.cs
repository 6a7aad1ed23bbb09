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
            problems.AddRange((await ViolationsAsync(page)).Select(v => $"{main.Path}: {v}"));
        }

        foreach (var problem in problems) output.WriteLine(problem);
        Assert.Empty(problems);
    }

    internal static async Task<List<string>> ViolationsAsync(IPage page)
    {
        // Evaluated, not added as a <script> tag: the app's Content-Security-Policy refuses inline scripts, the
        // browser's own evaluation is not subject to it.
        await page.EvaluateAsync(await File.ReadAllTextAsync(AxePath()));
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return result.violations.map(v => ({ id: v.id, help: v.help, targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }));
            }
            """);
        return [.. result.EnumerateArray().Select(v =>
            $"{v.GetProperty("id").GetString()} ({v.GetProperty("help").GetString()}) at {string.Join(", ", v.GetProperty("targets").EnumerateArray())}")];
    }

    /// axe-core is a dev dependency of the web app; `npm ci` in src/web puts it here.
    private static string AxePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "src", "web", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(path)) return path;
        }
        throw new InvalidOperationException("axe-core is missing: run `npm ci` in src/web.");
    }
}

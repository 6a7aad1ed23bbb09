using System.Text.Json;
using Microsoft.Playwright;

namespace Unbuilt.E2E;

/// axe-core (from the web app's node_modules) on the page as it is now: WCAG 2.1 A/AA violations, in words.
public static class Axe
{
    public static async Task<List<string>> ViolationsAsync(this IPage page)
    {
        // Evaluated, not added as a <script> tag: the app's Content-Security-Policy refuses inline scripts.
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

    /// No violations, or the list of them as the failure message.
    public static async Task AssertNoViolationsAsync(this IPage page, string state)
    {
        var violations = await page.ViolationsAsync();
        Assert.True(violations.Count == 0, $"{state}: {string.Join("; ", violations)}");
    }

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

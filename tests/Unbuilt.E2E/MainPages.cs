using System.Text.Json;
using Microsoft.Playwright;

namespace Unbuilt.E2E;

/// The main pages, each with what must be on screen before it counts as shown; shared by the phone-size,
/// accessibility and screenshot tests.
public sealed record MainPage(string Name, string Path, bool AdminOnly, Func<IPage, Task> Ready);

public static class MainPages
{
    public static IReadOnlyList<MainPage> For(int planId, int searchId, string firstTask) =>
    [
        new("home", "/", false, page => Heading(page, "Welcome")),
        new("search", $"/search/{searchId}", false, page =>
            Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create action plan" }).First).ToBeVisibleAsync()),
        new("search-history", "/searches", false, page => Heading(page, "Search history")),
        new("plans", "/plans", false, page => Assertions.Expect(page.GetByRole(AriaRole.Progressbar).First).ToBeVisibleAsync()),
        new("plan", $"/plans/{planId}", false, page => Assertions.Expect(page.TaskBox(firstTask)).ToBeVisibleAsync()),
        new("admin-flag", $"/admin/flags/{Arrange.Flag}", true, page =>
            Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Rollout phases" })).ToBeVisibleAsync()),
        new("admin-segments", "/admin/segments", true, page => Heading(page, "Segments")),
        new("admin-monitoring", "/admin/monitoring", true, async page =>
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Over time" }).GetByLabel("Operation")).ToBeVisibleAsync();
        }),
    ];

    /// The search behind a plan, by its id in the plan.
    public static int SearchId(JsonElement plan) => plan.GetProperty("searchId").GetInt32();

    private static Task Heading(IPage page, string text) =>
        Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(text);
}

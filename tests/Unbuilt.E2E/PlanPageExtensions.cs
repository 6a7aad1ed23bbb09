using Microsoft.Playwright;

namespace Unbuilt.E2E;

/// How the tests find things on the plan page: by role and accessible name, as a screen reader user would.
public static class PlanPageExtensions
{
    public static ILocator TaskList(this IPage page, string phase) =>
        page.GetByRole(AriaRole.List, new() { Name = $"Tasks in {phase}", Exact = true });

    public static ILocator TaskBox(this IPage page, string title) =>
        page.GetByRole(AriaRole.Checkbox, new() { Name = title, Exact = true });

    public static ILocator Handle(this IPage page, string title) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"Reorder {title}", Exact = true });

    /// The task titles of a phase, top to bottom.
    public static Task<IReadOnlyList<string>> TitlesAsync(this IPage page, string phase) =>
        page.TaskList(phase).Locator(".task__title").AllInnerTextsAsync();

    public static ILocator Row(this IPage page, int taskId) => page.Locator($"li[data-task-id='{taskId}']");

    /// What the drag and drop tells screen readers ("Picked up …", "… is over …").
    public static ILocator DragAnnouncement(this IPage page) => page.Locator("[id^='DndLiveRegion']");

    /// Presses a key during a keyboard drag until the drag announces <paramref name="expected"/>. The sensor starts
    /// listening for arrows a tick after the pick-up, so a key sent faster than any person types can be lost;
    /// a lost key moves nothing, so sending it again is safe.
    public static async Task PressUntilAnnouncedAsync(this IPage page, string key, string expected)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.Keyboard.PressAsync(key);
            try
            {
                await Assertions.Expect(page.DragAnnouncement()).ToContainTextAsync(expected, new() { Timeout = 1000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }
    }

    /// Picks up <paramref name="title"/> by its handle with Space and presses <paramref name="key"/> until the drag
    /// says it is over <paramref name="overTitle"/>; the caller drops (Space) or cancels (Escape).
    public static async Task KeyboardDragOverAsync(this IPage page, string title, string key, string overTitle)
    {
        await page.Handle(title).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.DragAnnouncement()).ToContainTextAsync($"“{title}”");
        await page.PressUntilAnnouncedAsync(key, $"“{title}” is over “{overTitle}”");
    }

    /// A finger put down at (x, y), slid <paramref name="down"/> pixels in small steps, and lifted: real touch
    /// events through the browser's input pipeline (CDP), which Chromium turns into touch pointer events as on a
    /// phone. Needs a context with HasTouch.
    public static async Task TouchDragAsync(this IPage page, float x, float y, float down, int steps = 20)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        Task Touch(string type, params (float X, float Y)[] points) =>
            cdp.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object>
            {
                ["type"] = type,
                ["touchPoints"] = points.Select(p => new Dictionary<string, object> { ["x"] = p.X, ["y"] = p.Y }).ToArray(),
            });
        await Touch("touchStart", (x, y));
        for (var step = 1; step <= steps; step++) await Touch("touchMove", (x, y + down * step / steps));
        await Touch("touchEnd");
        await cdp.DetachAsync();
    }

    /// Runs <paramref name="act"/> and waits for the server to answer the change it sends.
    public static Task<IResponse> ChangeAsync(this IPage page, Func<Task> act, string pathPart, string method = "POST") =>
        page.RunAndWaitForResponseAsync(act, response =>
            response.Url.Contains(pathPart, StringComparison.Ordinal) && response.Request.Method == method);

    public static async Task OpenPlanAsync(this IPage page, int planId, string firstTask)
    {
        await page.GotoAsync($"/plans/{planId}");
        await page.WaitForPlanAsync(firstTask);
    }

    /// Reloads the plan page and waits until it shows the plan and receives changes live again.
    public static async Task ReloadPlanAsync(this IPage page, string someTask)
    {
        await page.ReloadAsync();
        await page.WaitForPlanAsync(someTask);
    }

    private static async Task WaitForPlanAsync(this IPage page, string someTask)
    {
        await Assertions.Expect(page.TaskBox(someTask)).ToBeVisibleAsync();
        // Changes made before the page joins the plan live still reach the server; this just keeps the tests
        // about what they test.
        await Assertions.Expect(page.GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
    }

    public static async Task<bool> ScrollsSidewaysAsync(this IPage page) =>
        await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
}

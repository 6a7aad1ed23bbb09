using Microsoft.Playwright;

namespace Unbuilt.E2E;

/// Dependencies and the blocked-task prompt; export downloads.
public sealed class PlanTaskTests(BrowserServer server) : BrowserTest(server)
{
    [Fact]
    public async Task Completing_a_blocked_task_asks_first_and_complete_anyway_completes_it()
    {
        var (user, plan) = await UserWithPlanAsync();
        var tasks = plan.Phases()[0].Tasks();
        var (first, second) = (tasks[0].Title(), tasks[1].Title());
        var page = await PageAsync(user);
        await page.OpenPlanAsync(plan.Id(), first);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Actions for {second}", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Dependencies…" }).ClickAsync();
        var picker = page.GetByRole(AriaRole.Dialog, new() { Name = $"“{second}” waits for…" });
        await page.ChangeAsync(() => picker.GetByRole(AriaRole.Checkbox, new() { Name = first, Exact = true }).CheckAsync(), "/dependencies");
        await picker.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        var row = page.Locator($"li.task:has(#task-{tasks[1].Id()})");
        await Expect(row.GetByText("Blocked", new() { Exact = true })).ToBeVisibleAsync();

        await page.TaskBox(second).ClickAsync();
        var prompt = page.GetByRole(AriaRole.Dialog, new() { Name = $"“{second}” is waiting for other tasks" });
        await Expect(prompt).ToContainTextAsync(first);
        await Expect(page.TaskBox(second)).Not.ToBeCheckedAsync();
        await page.ChangeAsync(() => prompt.GetByRole(AriaRole.Button, new() { Name = "Complete anyway" }).ClickAsync(), "/api/tasks/", "PATCH");

        await Expect(page.TaskBox(second)).ToBeCheckedAsync();
        await page.ReloadAsync();
        await Expect(page.TaskBox(second)).ToBeCheckedAsync();
        await Expect(page.TaskBox(first)).Not.ToBeCheckedAsync();
    }

    [Theory]
    [InlineData("CSV", ".csv", "Phase,Phase Order,Task,Task Order")]
    [InlineData("Markdown", ".md", "- [ ]")]
    [InlineData("JSON", ".json", "\"phases\"")]
    public async Task The_export_menu_downloads_the_plan(string format, string extension, string content)
    {
        var (user, plan) = await UserWithPlanAsync();
        var page = await PageAsync(user);
        await page.OpenPlanAsync(plan.Id(), plan.Phases()[0].Tasks()[0].Title());

        await page.GetByRole(AriaRole.Button, new() { Name = "Export" }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Menuitem, new() { Name = format, Exact = true }).ClickAsync());

        Assert.StartsWith("action-plan-", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.EndsWith(extension, download.SuggestedFilename, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains(content, text, StringComparison.Ordinal);
        Assert.Contains(plan.Phases()[0].Tasks()[0].Title(), text, StringComparison.Ordinal);
    }
}

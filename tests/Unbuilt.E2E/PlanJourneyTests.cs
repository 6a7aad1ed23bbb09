using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Unbuilt.E2E;

/// The founder's path: sign in, search, create a plan, complete a task, undo.
public sealed partial class PlanJourneyTests(BrowserServer server) : BrowserTest(server)
{
    [Fact]
    public async Task A_user_signs_in_searches_and_creates_a_plan_from_a_result()
    {
        await UserAsync();
        var page = await AnonymousPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Email").FillAsync("ada@example.com");
        await page.GetByLabel("Password").FillAsync(UnbuiltServer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }).FillAsync("pet care");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find gaps" }).ClickAsync();

        var card = page.GetByRole(AriaRole.Article).First;
        await Expect(card).ToContainTextAsync("Why the gap exists");
        await Expect(card).ToContainTextAsync("Innovation");
        var title = await card.GetByRole(AriaRole.Heading).InnerTextAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Create action plan" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Create action plan" });
        await Expect(dialog.GetByRole(AriaRole.Radio, new() { Checked = true })).ToHaveCountAsync(1);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create plan" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(PlanUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Overall progress" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_completed_task_stays_completed_after_a_reload()
    {
        var (user, plan) = await UserWithPlanAsync();
        var task = plan.Phases()[0].Tasks()[0].Title();
        var page = await PageAsync(user);
        await page.OpenPlanAsync(plan.Id(), task);

        await page.ChangeAsync(() => page.TaskBox(task).CheckAsync(), "/api/tasks/", "PATCH");
        await page.ReloadAsync();

        await Expect(page.TaskBox(task)).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Overall progress" })).Not.ToHaveAttributeAsync("aria-valuenow", "0");
    }

    [Fact]
    public async Task Undo_works_with_the_button_and_with_ctrl_z_and_redo_with_ctrl_shift_z()
    {
        var (user, plan) = await UserWithPlanAsync();
        var task = plan.Phases()[0].Tasks()[1].Title();
        var page = await PageAsync(user);
        await page.OpenPlanAsync(plan.Id(), task);

        await page.ChangeAsync(() => page.TaskBox(task).CheckAsync(), "/api/tasks/", "PATCH");
        await page.ChangeAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync(), "/undo");
        await Expect(page.TaskBox(task)).Not.ToBeCheckedAsync();

        await page.ChangeAsync(() => page.TaskBox(task).CheckAsync(), "/api/tasks/", "PATCH");
        await page.ChangeAsync(() => page.Keyboard.PressAsync("Control+z"), "/undo");
        await Expect(page.TaskBox(task)).Not.ToBeCheckedAsync();

        await page.ChangeAsync(() => page.Keyboard.PressAsync("Control+Shift+z"), "/redo");
        await Expect(page.TaskBox(task)).ToBeCheckedAsync();
        await page.ReloadAsync();
        await Expect(page.TaskBox(task)).ToBeCheckedAsync();
    }

    [GeneratedRegex(@"/plans/\d+$")]
    private static partial Regex PlanUrl();
}

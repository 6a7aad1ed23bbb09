using System.Net.Http.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Unbuilt.E2E;

/// The plan page while work goes wrong or gets long: a refused save at its task with Retry, offline with changes
/// queued, delete with Undo, the task view (a title opens it; only the box completes), filters and shortcuts; on a
/// desktop (1366×850) and a phone (390×844, touch).
public sealed class PlanWorkTests(BrowserServer server, ITestOutputHelper output) : BrowserTest(server)
{
    public static TheoryData<string> Screens => ["desktop", "phone"];

    private Task<IPage> ScreenAsync(TestUser user, string screen) =>
        screen == "phone" ? PageAsync(user, 390, 844, touch: true) : PageAsync(user, 1366, 850);

    private static ILocator Toasts(IPage page) => page.GetByRole(AriaRole.Status, new() { Name = "Messages" });

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task A_refused_save_is_shown_at_its_task_and_in_a_toast_and_Retry_saves_it(string screen)
    {
        var (user, plan) = await UserWithPlanAsync();
        var task = plan.Phases()[0].Tasks()[^1];
        var page = await ScreenAsync(user, screen);
        await page.OpenPlanAsync(plan.Id(), task.Title());
        // The server refuses every task change until the route is lifted.
        await page.RouteAsync("**/api/tasks/**", route => route.FulfillAsync(new()
        {
            Status = 503,
            ContentType = "application/problem+json",
            Body = """{"title":"Service unavailable","detail":"The plan store is restarting."}""",
        }));

        await page.TaskBox(task.Title()).ClickAsync();

        var row = page.Row(task.Id());
        await Expect(row.GetByRole(AriaRole.Alert)).ToContainTextAsync("The plan store is restarting.");
        await Expect(page.TaskBox(task.Title())).Not.ToBeCheckedAsync();
        var retry = Toasts(page).GetByRole(AriaRole.Button, new() { Name = "Retry" });
        await Expect(retry).ToBeInViewportAsync();

        await page.UnrouteAllAsync();
        await page.ChangeAsync(() => retry.ClickAsync(), "/api/tasks/", "PATCH");

        await Expect(page.TaskBox(task.Title())).ToBeCheckedAsync();
        await Expect(row.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Expect(Toasts(page).GetByText("Could not save")).ToHaveCountAsync(0);
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Offline_says_so_queues_the_change_and_sends_it_once_on_reconnect(string screen)
    {
        var (user, plan) = await UserWithPlanAsync();
        var task = plan.Phases()[0].Tasks()[0];
        var page = await ScreenAsync(user, screen);
        await page.OpenPlanAsync(plan.Id(), task.Title());
        var patches = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "PATCH" && request.Url.Contains("/api/tasks/", StringComparison.Ordinal)) patches++;
        };

        await page.Context.SetOfflineAsync(true);
        await Expect(page.GetByText("Offline — changes will be sent when you are back")).ToBeVisibleAsync();
        await page.TaskBox(task.Title()).CheckAsync();

        await Expect(page.GetByText("· 1 change waiting")).ToBeVisibleAsync();
        await Expect(page.Row(task.Id())).ToContainTextAsync("Saving…");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Undo", Exact = false }).First).ToBeDisabledAsync();
        await Expect(page.TaskBox(task.Title())).ToBeCheckedAsync();

        await page.ChangeAsync(() => page.Context.SetOfflineAsync(false), "/api/tasks/", "PATCH");

        await Expect(page.Row(task.Id())).Not.ToContainTextAsync("Saving…");
        await page.ReloadPlanAsync(task.Title());
        await Expect(page.TaskBox(task.Title())).ToBeCheckedAsync();
        Assert.True(patches >= 1);
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Deleting_a_task_offers_Undo_which_brings_it_back(string screen)
    {
        var (user, plan) = await UserWithPlanAsync();
        var tasks = plan.Phases()[0].Tasks();
        var (first, doomed) = (tasks[0].Title(), tasks[1].Title());
        var page = await ScreenAsync(user, screen);
        await page.OpenPlanAsync(plan.Id(), first);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Actions for {doomed}", Exact = true }).ClickAsync();
        await page.ChangeAsync(() => page.GetByRole(AriaRole.Menuitem, new() { Name = "Delete" }).ClickAsync(), "/api/tasks/", "DELETE");

        await Expect(page.TaskBox(doomed)).ToHaveCountAsync(0);
        var toast = Toasts(page);
        await Expect(toast).ToContainTextAsync($"Deleted “{doomed}”");
        await page.ChangeAsync(() => toast.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync(), "/undo");

        await Expect(page.TaskBox(doomed)).ToBeVisibleAsync();
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task A_title_opens_the_task_without_completing_it_and_Back_closes_it(string screen)
    {
        var (user, plan) = await UserWithPlanAsync();
        var task = plan.Phases()[0].Tasks()[0];
        var page = await ScreenAsync(user, screen);
        await page.OpenPlanAsync(plan.Id(), task.Title());
        var title = page.Row(task.Id()).GetByRole(AriaRole.Button, new() { Name = task.Title(), Exact = true });

        if (screen == "phone") await title.TapAsync();
        else await title.ClickAsync();

        var view = page.GetByRole(AriaRole.Dialog, new() { Name = task.Title(), Exact = true });
        await Expect(view).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"\\?task={task.Id()}$"));
        await Expect(view.GetByLabel("Status")).ToBeVisibleAsync();
        await Expect(page.TaskBox(task.Title())).Not.ToBeCheckedAsync();
        var box = await view.BoundingBoxAsync();
        if (screen == "phone") Assert.True(box!.Width >= 389, $"the task view is {box.Width} px wide on the phone");

        await page.GoBackAsync();
        await Expect(view).ToHaveCountAsync(0);
        await Expect(page.TaskBox(task.Title())).Not.ToBeCheckedAsync();
        var check = await page.Row(task.Id()).Locator("label.task__check-target").BoundingBoxAsync();
        Assert.True(check!.Width >= 44 && check.Height >= 44, $"the checkbox target is {check.Width}×{check.Height}");
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Undo_and_Redo_name_the_change_they_revert_and_wait_when_there_is_none(string screen)
    {
        var (user, plan) = await UserWithPlanAsync();
        var task = plan.Phases()[0].Tasks()[0];
        var page = await ScreenAsync(user, screen);
        await page.OpenPlanAsync(plan.Id(), task.Title());
        var toolbar = page.GetByRole(AriaRole.Toolbar, new() { Name = "Plan actions" });
        await Expect(toolbar.GetByRole(AriaRole.Button, new() { Name = "Undo", Exact = true })).ToBeDisabledAsync();
        await Expect(toolbar.GetByRole(AriaRole.Button, new() { Name = "Redo", Exact = true })).ToBeDisabledAsync();

        await page.ChangeAsync(() => page.TaskBox(task.Title()).CheckAsync(), "/api/tasks/", "PATCH");
        var undo = toolbar.GetByRole(AriaRole.Button, new() { Name = $"Undo: complete '{task.Title()}'", Exact = true });
        await Expect(undo).ToBeEnabledAsync();
        await page.ChangeAsync(() => undo.ClickAsync(), "/undo");

        await Expect(page.TaskBox(task.Title())).Not.ToBeCheckedAsync();
        var redo = toolbar.GetByRole(AriaRole.Button, new() { Name = $"Redo: complete '{task.Title()}'", Exact = true });
        await Expect(redo).ToBeEnabledAsync();
        await Expect(toolbar.GetByRole(AriaRole.Button, new() { Name = "Undo", Exact = true })).ToBeDisabledAsync();
        await page.ChangeAsync(() => redo.ClickAsync(), "/redo");
        await Expect(page.TaskBox(task.Title())).ToBeCheckedAsync();
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Two_people_editing_one_title_get_a_choice_and_the_untouched_field_is_saved(string screen)
    {
        var (owner, plan) = await UserWithPlanAsync();
        var other = await UserAsync("grace@example.com");
        await Server.ShareAsync(owner, plan.Id(), other.Email);
        var task = plan.Phases()[0].Tasks()[0];
        var page = await ScreenAsync(owner, screen);
        await page.OpenPlanAsync(plan.Id(), task.Title());
        await page.Row(task.Id()).GetByRole(AriaRole.Button, new() { Name = task.Title(), Exact = true }).ClickAsync();
        var view = page.Locator("dialog.dialog--panel");
        await view.GetByLabel("Title").FillAsync("Interview 12 owners");
        await view.GetByLabel("Estimate").FillAsync("3 days");

        // Meanwhile, the other editor renames the task from their own session.
        using (var theirs = Server.Client(other))
        {
            var renamed = await theirs.PatchAsJsonAsync($"/api/tasks/{task.Id()}", new { title = "Call 12 owners" });
            Assert.True(renamed.IsSuccessStatusCode, $"the other editor's rename answered {(int)renamed.StatusCode}");
        }
        await Expect(page.Row(task.Id())).ToContainTextAsync("Call 12 owners");
        await view.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        var conflict = view.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Someone else changed this task" });
        await Expect(conflict).ToBeVisibleAsync();
        await Expect(conflict).ToContainTextAsync("Keep mine: Interview 12 owners");
        await Expect(conflict).ToContainTextAsync("Take theirs: Call 12 owners");
        await conflict.GetByLabel("Take theirs: Call 12 owners").CheckAsync();
        await page.ChangeAsync(() => conflict.GetByRole(AriaRole.Button, new() { Name = "Save with these choices" }).ClickAsync(),
            "/api/tasks/", "PATCH");

        var saved = (await Server.PlanAsync(owner, plan.Id())).Phases()[0].Tasks().Single(t => t.Id() == task.Id());
        Assert.Equal("Call 12 owners", saved.Title());
        Assert.Equal("3 days", saved.GetProperty("estimatedTime").GetString());
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task The_task_view_links_a_prerequisite_found_by_search_and_shows_its_own_history(string screen)
    {
        var (user, plan) = await UserWithPlanAsync();
        var tasks = plan.Phases()[0].Tasks();
        var (first, second) = (tasks[0], tasks[1]);
        var page = await ScreenAsync(user, screen);
        await page.OpenPlanAsync(plan.Id(), first.Title());
        await page.Row(second.Id()).GetByRole(AriaRole.Button, new() { Name = second.Title(), Exact = true }).ClickAsync();
        var view = page.Locator("dialog.dialog--panel");

        await view.GetByRole(AriaRole.Searchbox, new() { Name = "Add a task it waits for" }).FillAsync(first.Title()[..8]);
        await page.ChangeAsync(() => view.GetByRole(AriaRole.Button, new() { Name = $"Add “{first.Title()}”" }).ClickAsync(),
            "/dependencies");

        var waits = view.GetByRole(AriaRole.Region, new() { Name = "Waits for" });
        await Expect(waits.GetByRole(AriaRole.Listitem).Filter(new() { HasText = first.Title() })).ToBeVisibleAsync();
        await Expect(view.GetByRole(AriaRole.Region, new() { Name = "Task history" })).ToContainTextAsync(first.Title());
        await Expect(view.GetByRole(AriaRole.Searchbox, new() { Name = "Add a task it waits for" })).ToHaveValueAsync("");

        await page.ChangeAsync(() => waits.GetByRole(AriaRole.Button, new() { Name = $"Remove “{first.Title()}” from what this task waits for" })
            .ClickAsync(), "/dependencies", "DELETE");
        await Expect(waits).ToContainTextAsync("Nothing: this task can start any time.");
    }

    [Fact]
    public async Task Search_filters_and_shortcuts_find_move_complete_and_list_themselves()
    {
        var (user, plan) = await UserWithPlanAsync();
        var tasks = plan.Phases()[0].Tasks();
        var (first, second) = (tasks[0].Title(), tasks[1].Title());
        var page = await ScreenAsync(user, "desktop");
        await page.OpenPlanAsync(plan.Id(), first);

        await page.Keyboard.PressAsync("/");
        await page.Keyboard.TypeAsync(second);
        await Expect(page.TaskBox(first)).ToHaveCountAsync(0);
        await Expect(page.TaskBox(second)).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search tasks" }).FillAsync("");
        await Expect(page.TaskBox(first)).ToBeVisibleAsync();

        await page.Locator("body").ClickAsync(new() { Position = new() { X = 5, Y = 5 } });
        await page.Keyboard.PressAsync("j");
        await Expect(page.Row(tasks[0].Id()).GetByRole(AriaRole.Button, new() { Name = first, Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("j");
        await page.ChangeAsync(() => page.Keyboard.PressAsync("x"), "/api/tasks/", "PATCH");
        await Expect(page.TaskBox(second)).ToBeCheckedAsync();

        await page.GetByLabel("Hide completed").CheckAsync();
        await Expect(page.TaskBox(second)).ToHaveCountAsync(0);
        await page.GetByLabel("Hide completed").UncheckAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Filters" }).ClickAsync();
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("completed");
        await Expect(page.TaskBox(first)).ToHaveCountAsync(0);
        await Expect(page.TaskBox(second)).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).ClickAsync();

        var phase = plan.Phases()[0].GetProperty("name").GetString()!;
        await page.GetByRole(AriaRole.Button, new() { Name = $"Collapse {phase}", Exact = true }).ClickAsync();
        await Expect(page.TaskBox(first)).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Expect(page.Locator(".phase__toggle").First).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(page.TaskBox(first)).ToHaveCountAsync(0);

        await page.Keyboard.PressAsync("?");
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_the_phone_filters_hide_completed_compact_and_collapse_work_by_touch_without_sideways_scroll()
    {
        var (user, plan) = await UserWithPlanAsync();
        var tasks = plan.Phases()[0].Tasks();
        var (first, second) = (tasks[0].Title(), tasks[1].Title());
        var page = await ScreenAsync(user, "phone");
        await page.OpenPlanAsync(plan.Id(), first);
        await page.ChangeAsync(() => page.Row(tasks[1].Id()).Locator("label.task__check-target").TapAsync(), "/api/tasks/", "PATCH");
        await Expect(page.TaskBox(second)).ToBeCheckedAsync();

        await page.GetByLabel("Hide completed").TapAsync();
        await Expect(page.TaskBox(second)).ToHaveCountAsync(0);
        await page.GetByLabel("Hide completed").TapAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Filters" }).TapAsync();
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("completed");
        await Expect(page.TaskBox(first)).ToHaveCountAsync(0);
        await Expect(page.TaskBox(second)).ToBeVisibleAsync();
        Assert.False(await page.ScrollsSidewaysAsync(), "the plan page scrolls sideways on the phone with the filters open");
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).TapAsync();

        var row = page.Row(tasks[0].Id());
        var tall = (await row.BoundingBoxAsync())!.Height;
        await page.GetByLabel("Compact").TapAsync();
        await Expect(row.Locator(".task__description")).ToBeHiddenAsync();
        Assert.True((await row.BoundingBoxAsync())!.Height <= tall, "a compact row is not shorter than a normal one");

        var phase = plan.Phases()[0].GetProperty("name").GetString()!;
        await page.GetByRole(AriaRole.Button, new() { Name = $"Collapse {phase}", Exact = true }).TapAsync();
        await Expect(page.TaskBox(first)).ToHaveCountAsync(0);
        Assert.False(await page.ScrollsSidewaysAsync(), "the plan page scrolls sideways on the phone");
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task The_new_states_have_no_axe_violations(string screen)
    {
        var (user, plan) = await UserWithPlanAsync();
        var tasks = plan.Phases()[0].Tasks();
        var page = await ScreenAsync(user, screen);
        await page.OpenPlanAsync(plan.Id(), tasks[0].Title());
        var problems = new List<string>();
        async Task Check(string state) =>
            problems.AddRange((await page.ViolationsAsync()).Select(v => $"{screen}, {state}: {v}"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Filters" }).ClickAsync();
        await Check("filters open");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Actions for {tasks[1].Title()}", Exact = true }).ClickAsync();
        await page.ChangeAsync(() => page.GetByRole(AriaRole.Menuitem, new() { Name = "Delete" }).ClickAsync(), "/api/tasks/", "DELETE");
        await Expect(Toasts(page)).ToContainTextAsync("Deleted");
        await Check("delete toast");

        await page.Row(tasks[0].Id()).GetByRole(AriaRole.Button, new() { Name = tasks[0].Title(), Exact = true }).ClickAsync();
        var view = page.GetByRole(AriaRole.Dialog, new() { Name = tasks[0].Title(), Exact = true });
        await Expect(view).ToBeVisibleAsync();
        await view.GetByRole(AriaRole.Searchbox, new() { Name = "Add a task it waits for" }).FillAsync("e");
        await Expect(view.GetByRole(AriaRole.List, new() { Name = "Matching tasks" })).ToBeVisibleAsync();
        await Check("task view with the prerequisite picker");
        // The first Escape clears the search field (the browser's own), the second closes the view.
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("Escape");
        await Expect(view).ToHaveCountAsync(0);

        await page.Keyboard.PressAsync("?");
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" })).ToBeVisibleAsync();
        await Check("shortcuts");
        await page.Keyboard.PressAsync("Escape");

        await page.Context.SetOfflineAsync(true);
        await Expect(page.GetByText("Offline — changes will be sent when you are back")).ToBeVisibleAsync();
        await Check("offline");
        await page.Context.SetOfflineAsync(false);

        foreach (var problem in problems) output.WriteLine(problem);
        Assert.Empty(problems);
    }
}

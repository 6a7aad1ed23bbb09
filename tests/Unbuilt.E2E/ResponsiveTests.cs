using Microsoft.Playwright;

namespace Unbuilt.E2E;

/// A phone (390×844): every main page fits the width, and the plan page works by touch-sized controls.
public sealed class ResponsiveTests(BrowserServer server) : BrowserTest(server)
{
    [Fact]
    public async Task No_main_page_scrolls_sideways_on_a_phone()
    {
        var (user, plan) = await UserWithPlanAsync();
        await Server.ShareAsync(user, plan.Id(), Admin.Email);
        var pages = MainPages.For(plan.Id(), MainPages.SearchId(plan), plan.Phases()[0].Tasks()[0].Title());
        var phone = await PageAsync(user, 390, 844);
        var adminPhone = await PageAsync(Admin, 390, 844);

        var sideways = new List<string>();
        foreach (var main in pages)
        {
            var page = main.AdminOnly ? adminPhone : phone;
            await page.GotoAsync(main.Path);
            await main.Ready(page);
            if (await page.ScrollsSidewaysAsync()) sideways.Add(main.Path);
        }

        Assert.Empty(sideways);
    }

    [Fact]
    public async Task On_a_phone_a_task_completes_and_its_menu_fits_the_screen()
    {
        var (user, plan) = await UserWithPlanAsync();
        var task = plan.Phases()[0].Tasks()[0].Title();
        var page = await PageAsync(user, 390, 844);
        await page.OpenPlanAsync(plan.Id(), task);

        await page.ChangeAsync(() => page.TaskBox(task).ClickAsync(), "/api/tasks/", "PATCH");
        await Expect(page.TaskBox(task)).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Actions for {task}", Exact = true }).ClickAsync();
        var menu = page.GetByRole(AriaRole.Menu);
        await Expect(menu).ToBeVisibleAsync();

        var box = (await menu.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"The task menu spans {box.X}..{box.X + box.Width} on a 390 px screen.");
        Assert.False(await page.ScrollsSidewaysAsync());
    }
}

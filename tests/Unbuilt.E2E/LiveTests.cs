using Microsoft.Playwright;

namespace Unbuilt.E2E;

/// Changes reach every open page without a reload; a rollback closes the feature on open pages.
public sealed class LiveTests(BrowserServer server) : BrowserTest(server)
{
    [Fact]
    public async Task A_collaborator_sees_a_change_live_and_both_see_who_is_here()
    {
        var (owner, plan) = await UserWithPlanAsync();
        var editor = await UserAsync("grace@example.com");
        await Server.ShareAsync(owner, plan.Id(), editor.Email);
        var task = plan.Phases()[0].Tasks()[0].Title();
        var mine = await PageAsync(owner);
        var theirs = await PageAsync(editor);
        await mine.OpenPlanAsync(plan.Id(), task);
        await theirs.OpenPlanAsync(plan.Id(), task);

        await Expect(theirs.GetByRole(AriaRole.List, new() { Name = "Viewing now" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await mine.ChangeAsync(() => mine.TaskBox(task).CheckAsync(), "/api/tasks/", "PATCH");

        await Expect(theirs.TaskBox(task)).ToBeCheckedAsync();
        await Expect(theirs.GetByRole(AriaRole.Progressbar, new() { Name = "Overall progress" })).Not.ToHaveAttributeAsync("aria-valuenow", "0");
    }

    [Fact]
    public async Task An_admin_rollback_closes_the_feature_on_open_pages_and_a_redeploy_brings_it_back()
    {
        var (user, plan) = await UserWithPlanAsync();
        var task = plan.Phases()[0].Tasks()[0].Title();
        var page = await PageAsync(user);
        await page.OpenPlanAsync(plan.Id(), task);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Plans" })).ToBeVisibleAsync();

        var admin = await PageAsync(Admin);
        await admin.GotoAsync($"/admin/flags/{Arrange.Flag}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Roll back" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Roll back" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Action plans are temporarily unavailable" })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Plans" })).ToHaveCountAsync(0);
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Search" })).ToBeVisibleAsync(); // search does not follow the flag

        await admin.GetByRole(AriaRole.Button, new() { Name = "Deploy general" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deploy" }).ClickAsync();

        await Expect(page.TaskBox(task)).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Plans" })).ToBeVisibleAsync();
    }
}

using Microsoft.Playwright;

namespace Unbuilt.E2E;

/// A flag's life in the admin pages: New flag → archive → restore → archive → delete, on a desktop and on a phone,
/// with axe finding nothing in each new dialog.
public sealed class FlagLifecycleTests(BrowserServer server) : BrowserTest(server)
{
    [Theory]
    [InlineData(1366, 850, "desk_flag")]
    [InlineData(390, 844, "phone_flag")]
    public async Task Create_archive_restore_and_delete_a_flag(int width, int height, string name)
    {
        var page = await PageAsync(Admin, width, height);
        await page.GotoAsync("/admin/flags");

        await page.GetByRole(AriaRole.Button, new() { Name = "New flag" }).ClickAsync();
        var create = page.GetByRole(AriaRole.Dialog, new() { Name = "New flag" });
        await create.GetByRole(AriaRole.Button, new() { Name = "Create flag" }).ClickAsync();
        await Expect(create.GetByText("Enter a name.")).ToBeVisibleAsync();
        await page.AssertNoViolationsAsync("the New flag dialog with an error");
        await create.GetByRole(AriaRole.Textbox, new() { Name = "Name" }).FillAsync(name);
        await create.GetByRole(AriaRole.Textbox, new() { Name = "Description (what it switches)" }).FillAsync("Made in a browser");
        await create.GetByRole(AriaRole.Button, new() { Name = "Create flag" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/admin/flags/{name}$"));
        var lifecycle = page.GetByRole(AriaRole.Region, new() { Name = "Description and lifecycle" });
        await lifecycle.GetByRole(AriaRole.Button, new() { Name = "Archive…" }).ClickAsync();
        var archive = page.GetByRole(AriaRole.Dialog, new() { Name = $"Archive {name}?" });
        await archive.GetByRole(AriaRole.Textbox, new() { Name = "Reason (optional, kept in the history)" }).FillAsync("shipped");
        await page.AssertNoViolationsAsync("the Archive dialog");
        await archive.GetByRole(AriaRole.Button, new() { Name = "Archive" }).ClickAsync();
        await Expect(archive).ToHaveCountAsync(0);

        await lifecycle.GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();
        var restore = page.GetByRole(AriaRole.Dialog, new() { Name = $"Restore {name}?" });
        await page.AssertNoViolationsAsync("the Restore dialog");
        await restore.GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();
        await Expect(lifecycle.GetByRole(AriaRole.Button, new() { Name = "Archive…" })).ToBeVisibleAsync();

        await lifecycle.GetByRole(AriaRole.Button, new() { Name = "Archive…" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog, new() { Name = $"Archive {name}?" })
            .GetByRole(AriaRole.Button, new() { Name = "Archive" }).ClickAsync();
        await lifecycle.GetByRole(AriaRole.Button, new() { Name = "Delete…" }).ClickAsync();
        var delete = page.GetByRole(AriaRole.Dialog, new() { Name = $"Delete {name}?" });
        await Expect(delete).ToContainTextAsync("only for an archived flag that nothing has evaluated");
        await page.AssertNoViolationsAsync("the Delete dialog");
        await delete.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/flags$"));
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Show archived" }).CheckAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = Arrange.Flag })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToHaveCountAsync(0);
    }
}

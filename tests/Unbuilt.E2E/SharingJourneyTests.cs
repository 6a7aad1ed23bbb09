using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Unbuilt.E2E;

/// Two people who never had an account work one plan together: the founder signs up, creates a plan and invites by
/// link; the invitee signs up from the link on a phone; each sees the other's changes live; removing the invitee
/// ends their live view.
public sealed partial class SharingJourneyTests(BrowserServer server, ITestOutputHelper output) : BrowserTest(server)
{
    private const string FounderPassword = "a long founder passphrase";
    private const string InviteePassword = "another long passphrase";

    [Fact]
    public async Task Sign_up_plan_invite_by_link_work_live_together_and_removal_cuts_the_live_view()
    {
        var founder = await AnonymousPageAsync();
        await founder.GotoAsync("/");
        await founder.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await SignUpAsync(founder, "founder@example.com", "Fay Founder", FounderPassword);
        await Expect(founder.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        await founder.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Search" }).ClickAsync();
        await founder.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }).FillAsync("pet care");
        await founder.GetByRole(AriaRole.Button, new() { Name = "Find gaps" }).ClickAsync();
        await founder.GetByRole(AriaRole.Article).First.GetByRole(AriaRole.Button, new() { Name = "Create action plan" }).ClickAsync();
        await founder.GetByRole(AriaRole.Dialog, new() { Name = "Create action plan" })
            .GetByRole(AriaRole.Button, new() { Name = "Create plan" }).ClickAsync();
        await Expect(founder).ToHaveURLAsync(PlanUrl());
        await Expect(founder.GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        var titles = await founder.Locator(".task__title").AllInnerTextsAsync();
        var (first, second, third) = (titles[0], titles[1], titles[2]);

        await founder.GetByRole(AriaRole.Button, new() { Name = "Share", Exact = true }).ClickAsync();
        var share = founder.GetByRole(AriaRole.Dialog, new() { NameRegex = ShareDialogName() });
        await share.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("editor");
        await share.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        var link = await share.GetByLabel("Invitation link").InputValueAsync();
        await share.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        var invitee = await AnonymousPageAsync(390, 844);
        await invitee.GotoAsync(link);
        await Expect(invitee.GetByText("Fay Founder")).ToBeVisibleAsync();
        await invitee.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await SignUpAsync(invitee, "grace@example.com", "Grace Hopper", InviteePassword);
        await Expect(invitee).ToHaveURLAsync(PlanUrl());
        await Expect(invitee.TaskBox(first)).ToBeVisibleAsync();
        await Expect(invitee.GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();

        await founder.ChangeAsync(() => founder.TaskBox(first).CheckAsync(), "/api/tasks/", "PATCH");
        await Expect(invitee.TaskBox(first)).ToBeCheckedAsync();
        await invitee.ChangeAsync(() => invitee.TaskBox(second).CheckAsync(), "/api/tasks/", "PATCH");
        await Expect(founder.TaskBox(second)).ToBeCheckedAsync();

        await founder.GetByRole(AriaRole.Button, new() { Name = "Share", Exact = true }).ClickAsync();
        await share.GetByRole(AriaRole.Button, new() { Name = "Remove Grace Hopper" }).ClickAsync();
        var confirm = founder.GetByRole(AriaRole.Dialog, new() { Name = "Remove Grace Hopper?" });
        var clock = Stopwatch.StartNew();
        await founder.ChangeAsync(() => confirm.GetByRole(AriaRole.Button, new() { Name = "Remove", Exact = true }).ClickAsync(),
            "/members/", "DELETE");
        await Expect(invitee.GetByRole(AriaRole.Heading, new() { Name = "You no longer have access to this plan" })).ToBeVisibleAsync();
        output.WriteLine($"removal to the invitee's notice: {clock.ElapsedMilliseconds} ms");

        await share.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await founder.ChangeAsync(() => founder.TaskBox(third).CheckAsync(), "/api/tasks/", "PATCH");
        await Expect(invitee.TaskBox(third)).ToHaveCountAsync(0);
        await invitee.GotoAsync(new Uri(invitee.Url).AbsolutePath);
        await Expect(invitee.TaskBox(first)).ToHaveCountAsync(0);
    }

    private static async Task SignUpAsync(IPage page, string email, string name, string password)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create your account" })).ToBeVisibleAsync();
        var emailBox = page.GetByLabel("Email");
        if (await emailBox.InputValueAsync() != email) await emailBox.FillAsync(email);
        await page.GetByLabel("Display name").FillAsync(name);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
    }

    [GeneratedRegex(@"/plans/\d+$")]
    private static partial Regex PlanUrl();

    [GeneratedRegex("^Share ")]
    private static partial Regex ShareDialogName();
}

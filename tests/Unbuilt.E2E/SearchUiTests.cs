using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Unbuilt.E2E;

/// The search screens, the plans list's New plan, presence and the header, at the two sizes users reported from:
/// a 1366×850 desktop and a 390×844 touch phone.
public sealed class SearchUiTests(BrowserServer server) : BrowserTest(server)
{
    public static readonly TheoryData<string> Sizes = new() { "desktop", "phone" };

    private Task<IPage> SizedPageAsync(TestUser user, string size) =>
        size == "phone" ? PageAsync(user, 390, 844, touch: true) : PageAsync(user, 1366, 850);

    private async Task<int> SearchAsync(TestUser user, string query)
    {
        using var client = Server.Client(user);
        var response = await client.PostAsJsonAsync("/api/search", new { query });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Id();
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task The_create_plan_dialog_keeps_its_action_on_screen(string size)
    {
        var user = await UserAsync();
        var searchId = await SearchAsync(user, "pet care");
        var page = await SizedPageAsync(user, size);
        await page.GotoAsync($"/search/{searchId}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Create action plan" }).First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Create action plan" });
        var create = dialog.GetByRole(AriaRole.Button, new() { Name = "Create plan" });
        await Expect(create).ToBeEnabledAsync(); // the templates are in

        await AssertInViewportAsync(page, create, "Create plan");
        await AssertInViewportAsync(page, dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }), "Cancel");
        await Expect(dialog.Locator("input[type=radio]:checked")).ToBeFocusedAsync(); // the suggested template
        await page.AssertNoViolationsAsync($"create-plan dialog ({size})");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_gap_that_already_has_a_plan_opens_it(string size)
    {
        var (user, plan) = await UserWithPlanAsync();
        var page = await SizedPageAsync(user, size);
        await page.GotoAsync($"/search/{MainPages.SearchId(plan)}");
        var card = page.GetByRole(AriaRole.Article).First; // the plan was made from the first result
        await Expect(card).ToBeVisibleAsync();

        // With planId on results (server work in progress) the card links to the plan; until then the server's
        // refusal of a second plan turns the dialog's action into Open plan.
        var open = card.GetByRole(AriaRole.Link, new() { Name = "Open plan" });
        if (await open.CountAsync() == 0)
        {
            await card.GetByRole(AriaRole.Button, new() { Name = "Create action plan" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Create action plan" });
            await page.ChangeAsync(() => dialog.GetByRole(AriaRole.Button, new() { Name = "Create plan" }).ClickAsync(), "/api/plans");
            await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("already have an active plan");
            open = dialog.GetByRole(AriaRole.Link, new() { Name = "Open plan" });
            await AssertInViewportAsync(page, open, "Open plan");
        }
        await Expect(open).ToHaveAttributeAsync("href", $"/plans/{plan.Id()}");
        await open.ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/plans/{plan.Id()}$"));
        await Expect(page.TaskBox(plan.Phases()[0].Tasks()[0].Title())).ToBeVisibleAsync();
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task No_results_offer_suggestions_that_search_again(string size)
    {
        var user = await UserAsync();
        var searchId = await SearchAsync(user, "xqzvbnm");
        var page = await SizedPageAsync(user, size);
        // Nothing in the catalogue is near these letters: below the relevance floor the server answers no results
        // and suggestions (no did-you-mean: no known word is close).
        await page.GotoAsync($"/search/{searchId}");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("No gaps found for “xqzvbnm”");
        var suggestions = page.GetByRole(AriaRole.List, new() { Name = "Try one of these searches" }).GetByRole(AriaRole.Button);
        await Expect(suggestions.First).ToBeVisibleAsync();
        await Expect(page.GetByText("Did you mean")).ToHaveCountAsync(0);
        await page.AssertNoViolationsAsync($"no results with suggestions ({size})");

        var suggestion = await suggestions.First.TextContentAsync();
        await page.ChangeAsync(() => suggestions.First.ClickAsync(), "/api/search");

        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/search/{searchId}$"));
        await Expect(page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" })).ToHaveValueAsync(suggestion!);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync(suggestion!);
    }

    [Fact]
    public async Task A_query_of_only_spaces_says_so_without_calling_the_server()
    {
        var user = await UserAsync();
        var page = await SizedPageAsync(user, "desktop");
        var posts = 0;
        page.Request += (_, request) => { if (request.Method == "POST" && request.Url.EndsWith("/api/search")) posts++; };
        await page.GotoAsync("/search");

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }).FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find gaps" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Type some words to search for, not only spaces.");
        Assert.Equal(0, posts);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task The_new_plan_dialog_fits_and_passes_axe(string size)
    {
        var user = await UserAsync();
        var page = await SizedPageAsync(user, size);
        await page.GotoAsync("/plans");

        await page.GetByRole(AriaRole.Button, new() { Name = "New plan" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "New plan" });
        await Expect(dialog.GetByRole(AriaRole.Textbox, new() { Name = "Title" })).ToBeFocusedAsync();
        await Expect(dialog.GetByRole(AriaRole.Option, new() { Name = "A blank plan" })).ToBeAttachedAsync();

        await AssertInViewportAsync(page, dialog.GetByRole(AriaRole.Button, new() { Name = "Create plan" }), "Create plan");
        await page.AssertNoViolationsAsync($"new-plan dialog ({size})");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "New plan" })).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Collaborators_avatars_have_distinct_colours_and_names_on_focus()
    {
        var (owner, plan) = await UserWithPlanAsync();
        var editor = await UserAsync("grace@example.com");
        await Server.ShareAsync(owner, plan.Id(), editor.Email);
        var task = plan.Phases()[0].Tasks()[0].Title();
        var mine = await PageAsync(owner, 1366, 850);
        var theirs = await PageAsync(editor, 1366, 850);
        await mine.OpenPlanAsync(plan.Id(), task);
        await theirs.OpenPlanAsync(plan.Id(), task);

        var avatars = mine.GetByRole(AriaRole.List, new() { Name = "Viewing now" }).GetByRole(AriaRole.Img);
        await Expect(avatars).ToHaveCountAsync(2);
        var colours = await avatars.EvaluateAllAsync<string[]>("els => els.map(e => getComputedStyle(e).backgroundColor)");
        Assert.Equal(2, colours.Distinct().Count());
        var boxes = new[] { (await avatars.Nth(0).BoundingBoxAsync())!, (await avatars.Nth(1).BoundingBoxAsync())! };
        Assert.True(boxes[0].X + boxes[0].Width <= boxes[1].X, "The avatars overlap.");

        await avatars.Nth(1).FocusAsync();
        await Expect(avatars.Nth(1)).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("^[^(]+$")); // not "(you)"
        var name = await avatars.Nth(1).GetAttributeAsync("aria-label");
        await Expect(mine.Locator(".presence__name", new() { HasText = name! })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_phone_header_is_compact_and_the_menu_has_the_full_name()
    {
        var user = await Server.CreateUserAsync("longname@example.com", Unbuilt.Data.Accounts.Tier.Pro);
        var page = await SizedPageAsync(user, "phone");
        await page.GotoAsync("/search");
        var header = page.GetByRole(AriaRole.Banner);
        await Expect(header).ToBeVisibleAsync();

        var box = (await header.BoundingBoxAsync())!;
        Assert.True(box.Height <= 84.4, $"The phone header is {box.Height} px tall ({box.Height / 844:P0} of the screen).");
        Assert.False(await page.ScrollsSidewaysAsync());

        var account = header.GetByRole(AriaRole.Button, new() { Name = "Account:", Exact = false });
        await account.ClickAsync();
        var name = await page.EvaluateAsync<string>("() => document.querySelector('.account-menu__name').textContent");
        Assert.False(string.IsNullOrWhiteSpace(name));
        await Expect(page.Locator(".account-menu__name")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await AssertInViewportAsync(page, page.Locator(".menu__panel"), "The account menu");
    }

    private static async Task AssertInViewportAsync(IPage page, ILocator locator, string what)
    {
        await Expect(locator).ToBeVisibleAsync();
        var box = (await locator.BoundingBoxAsync())!;
        var size = page.ViewportSize!;
        Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= size.Width && box.Y + box.Height <= size.Height,
            $"{what} is at ({box.X}, {box.Y}) {box.Width}×{box.Height}, outside the {size.Width}×{size.Height} viewport.");
    }
}

/// The first run with action plans not rolled out (the flag never initialised): search works, and every place
/// plans would be says plainly that they are rolling out.
public sealed class PlansNotYetOnTests(BrowserServer server) : BrowserTest(server)
{
    public override async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(10_000);
        await Server.ResetAsync();
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Search_works_and_a_plan_link_says_plans_are_rolling_out(string size)
    {
        var user = await UserAsync();
        var page = size == "phone" ? await PageAsync(user, 390, 844, touch: true) : await PageAsync(user, 1366, 850);
        const string rollingOut = "Action plans are rolling out; they are not yet available on your account.";

        await page.GotoAsync("/");
        await Expect(page.GetByText(rollingOut)).ToBeVisibleAsync(); // the home card's reason
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Work an action plan" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }).FillAsync("pet care");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find gaps" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Article).First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create action plan" })).ToHaveCountAsync(0);

        foreach (var path in new[] { "/plans/1", "/plans" })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Action plans are not on your account yet");
            await Expect(page.GetByText(rollingOut)).ToBeVisibleAsync();
            await Expect(page.GetByText("temporarily unavailable")).ToHaveCountAsync(0);
        }
        await page.AssertNoViolationsAsync($"plans not on the account ({size})");
    }
}

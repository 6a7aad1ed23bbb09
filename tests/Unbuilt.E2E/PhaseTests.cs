using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Unbuilt.E2E;

/// Shaping a plan's phases in the browser: add, rename and describe, reorder by the phase menu, by keyboard drag and
/// by mouse and touch drag, delete one with tasks (choosing where they go) and undo it; a collaborator sees a new
/// phase live; no axe violations with the phase menu and its dialogs open.
public sealed class PhaseTests(BrowserServer server) : BrowserTest(server)
{
    private static string NameOf(JsonElement phase) => phase.GetProperty("name").GetString()!;

    private static ILocator PhaseMenu(IPage page, string phase) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"Phase actions: {phase}", Exact = true });

    private static ILocator PhaseHandle(IPage page, string phase) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"Reorder phase {phase}", Exact = true });

    /// A phase's section, by the name in its heading ("2 Build").
    private static ILocator Section(IPage page, string phase) =>
        page.Locator("section.phase").Filter(new() { Has = page.Locator("h2", new() { HasTextRegex = new($@"^\s*\d+\s+{Regex.Escape(phase)}\s*$") }) });

    /// Waits until <paramref name="read"/> gives <paramref name="expected"/> (a change the page draws once the server has it).
    private static async Task EventuallyAsync<T>(Func<Task<T>> read, IEnumerable<string> expected) where T : IEnumerable<string>
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var actual = await read();
            if (actual.SequenceEqual(expected)) return;
            if (DateTime.UtcNow > deadline) Assert.Equal(expected, actual);
            await Task.Delay(100);
        }
    }

    /// The phases' names, top to bottom (each heading is "number name").
    private static async Task<List<string>> PhaseNamesAsync(IPage page) =>
        [.. (await page.Locator("section.phase h2").AllTextContentsAsync()).Select(t => t.Trim()[(t.Trim().IndexOf(' ') + 1)..])];

    private static async Task PickAsync(IPage page, string phase, string item)
    {
        await PhaseMenu(page, phase).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = item, Exact = true }).ClickAsync();
    }

    /// Collapses every phase, so that all of them fit on the screen while one is dragged.
    private static async Task CollapseAllAsync(IPage page, IEnumerable<string> phases)
    {
        foreach (var phase in phases)
            await page.GetByRole(AriaRole.Button, new() { Name = $"Collapse {phase}", Exact = true }).ClickAsync();
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task A_phase_is_added_renamed_and_moved_by_its_menu(int width, int height)
    {
        var (user, plan) = await UserWithPlanAsync();
        var names = plan.Phases().Select(NameOf).ToList();
        var page = await PageAsync(user, width, height, touch: width < 600);
        await page.OpenPlanAsync(plan.Id(), plan.Phases()[0].Tasks()[0].Title());

        await page.GetByRole(AriaRole.Button, new() { Name = "+ Add phase" }).ClickAsync();
        var add = page.GetByRole(AriaRole.Dialog, new() { Name = "Add a phase" });
        await add.GetByLabel("Name").FillAsync("Launch");
        await add.GetByLabel("Description (optional)").FillAsync("Tell the first customers");
        await page.AssertNoViolationsAsync("the add-phase dialog");
        await page.ChangeAsync(() => add.GetByRole(AriaRole.Button, new() { Name = "Add phase" }).ClickAsync(), "/phases");

        await Expect(add).ToHaveCountAsync(0);
        Assert.Equal([.. names, "Launch"], await PhaseNamesAsync(page));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{names.Count + 1} Launch" })).ToBeFocusedAsync();
        await Expect(Section(page, "Launch").GetByText("No tasks in this phase yet.")).ToBeVisibleAsync();

        await PhaseMenu(page, "Launch").ClickAsync();
        await page.AssertNoViolationsAsync("the phase menu open");
        if (width < 600)
        {
            foreach (var target in new[] { PhaseMenu(page, "Launch"), PhaseHandle(page, "Launch") })
            {
                var box = (await target.BoundingBoxAsync())!;
                Assert.True(box.Width >= 44 && box.Height >= 44, $"A {box.Width}×{box.Height} px touch target.");
            }
        }
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Rename or describe…" }).ClickAsync();
        var edit = page.GetByRole(AriaRole.Dialog, new() { Name = "Rename or describe “Launch”" });
        await Expect(edit.GetByLabel("Name")).ToHaveValueAsync("Launch");
        await edit.GetByLabel("Name").FillAsync("Go live");
        await page.ChangeAsync(() => edit.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync(), "/api/phases/", "PATCH");

        await Expect(PhaseMenu(page, "Go live")).ToBeFocusedAsync();
        await PickAsync(page, "Go live", "Move up");
        await EventuallyAsync(() => PhaseNamesAsync(page), [.. names[..^1], "Go live", names[^1]]);
        await Expect(PhaseMenu(page, "Go live")).ToBeFocusedAsync();

        await page.ReloadPlanAsync(plan.Phases()[0].Tasks()[0].Title());
        Assert.Equal([.. names[..^1], "Go live", names[^1]], await PhaseNamesAsync(page));
        await Expect(Section(page, "Go live").GetByText("Tell the first customers")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_phase_moves_down_by_keyboard_drag()
    {
        var (user, plan) = await UserWithPlanAsync();
        var names = plan.Phases().Select(NameOf).ToList();
        var page = await PageAsync(user);
        await page.OpenPlanAsync(plan.Id(), plan.Phases()[0].Tasks()[0].Title());

        await PhaseHandle(page, names[0]).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(page.DragAnnouncement()).ToContainTextAsync($"“{names[0]}”");
        await page.PressUntilAnnouncedAsync("ArrowDown", $"Phase “{names[0]}” is over phase “{names[1]}”");
        await page.ChangeAsync(() => page.Keyboard.PressAsync("Space"), "/move");

        List<string> expected = [names[1], names[0], .. names[2..]];
        await EventuallyAsync(() => PhaseNamesAsync(page), expected);
        await page.ReloadPlanAsync(plan.Phases()[0].Tasks()[0].Title());
        Assert.Equal(expected, await PhaseNamesAsync(page));
        // The tasks went with their phase.
        Assert.Equal(plan.Phases()[0].Tasks().Select(t => t.Title()), await page.TitlesAsync(names[0]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_phase_moves_down_by_drag_with_a_mouse_or_a_finger(bool phone)
    {
        var (user, plan) = await UserWithPlanAsync();
        var names = plan.Phases().Select(NameOf).ToList();
        var page = phone ? await PageAsync(user, 390, 844, touch: true) : await PageAsync(user);
        await page.OpenPlanAsync(plan.Id(), plan.Phases()[0].Tasks()[0].Title());
        await CollapseAllAsync(page, names);

        // The first phase's handle, carried until the phase sits where the second one is.
        await Section(page, names[1]).EvaluateAsync("s => s.scrollIntoView({ block: 'center' })");
        var handle = (await PhaseHandle(page, names[0]).BoundingBoxAsync())!;
        var from = (await Section(page, names[0]).BoundingBoxAsync())!;
        var to = (await Section(page, names[1]).BoundingBoxAsync())!;
        var (x, y) = (handle.X + handle.Width / 2, handle.Y + handle.Height / 2);
        var down = (to.Y + to.Height / 2) - (from.Y + from.Height / 2) + 8;
        await page.ChangeAsync(async () =>
        {
            if (phone)
            {
                await page.TouchDragAsync(x, y, down);
                return;
            }
            await page.Mouse.MoveAsync(x, y);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(x, y + 10, new() { Steps = 3 });
            await page.Mouse.MoveAsync(x, y + down, new() { Steps = 20 });
            await page.Mouse.UpAsync();
        }, "/move");

        List<string> expected = [names[1], names[0], .. names[2..]];
        await EventuallyAsync(() => PhaseNamesAsync(page), expected);
        await page.ReloadAsync();
        await Expect(PhaseMenu(page, names[0])).ToBeVisibleAsync();
        Assert.Equal(expected, await PhaseNamesAsync(page));
    }

    [Fact]
    public async Task A_phase_with_tasks_is_deleted_into_another_and_undo_brings_both_back()
    {
        var (user, plan) = await UserWithPlanAsync();
        var (first, second) = (plan.Phases()[0], plan.Phases()[1]);
        var (firstName, secondName) = (NameOf(first), NameOf(second));
        var firstTitles = first.Tasks().Select(t => t.Title()).ToList();
        var secondTitles = second.Tasks().Select(t => t.Title()).ToList();
        var page = await PageAsync(user);
        await page.OpenPlanAsync(plan.Id(), firstTitles[0]);

        await PickAsync(page, secondName, "Delete phase…");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"Delete phase “{secondName}”?" });
        var target = dialog.GetByLabel($"Move its {secondTitles.Count} tasks to");
        await target.SelectOptionAsync(new SelectOptionValue { Label = firstName });
        await page.AssertNoViolationsAsync("the delete-phase dialog");
        await page.ChangeAsync(() => dialog.GetByRole(AriaRole.Button, new() { Name = "Delete phase" }).ClickAsync(),
            "/api/phases/", "DELETE");

        await Expect(Section(page, secondName)).ToHaveCountAsync(0);
        Assert.Equal([.. firstTitles, .. secondTitles], await page.TitlesAsync(firstName));
        var toast = page.GetByRole(AriaRole.Status, new() { Name = "Messages" });
        await Expect(toast).ToContainTextAsync($"Deleted phase “{secondName}”");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"1 {firstName}" })).ToBeFocusedAsync();

        await page.ChangeAsync(() => toast.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync(), "/undo");

        await Expect(Section(page, secondName)).ToBeVisibleAsync();
        await EventuallyAsync(() => page.TitlesAsync(secondName), secondTitles);
        Assert.Equal(firstTitles, await page.TitlesAsync(firstName));
        await page.ReloadPlanAsync(firstTitles[0]);
        Assert.Equal(secondTitles, await page.TitlesAsync(secondName));
        Assert.Equal(plan.Phases().Select(NameOf), await PhaseNamesAsync(page));
    }

    [Fact]
    public async Task A_collaborator_sees_a_new_phase_live_and_a_viewer_gets_no_phase_controls()
    {
        var (owner, plan) = await UserWithPlanAsync();
        var editor = await UserAsync("grace@example.com");
        var viewer = await UserAsync("alan@example.com");
        await Server.ShareAsync(owner, plan.Id(), editor.Email);
        await Server.ShareAsync(owner, plan.Id(), viewer.Email, "viewer");
        var task = plan.Phases()[0].Tasks()[0].Title();
        var mine = await PageAsync(owner);
        var theirs = await PageAsync(editor);
        var reader = await PageAsync(viewer);
        await mine.OpenPlanAsync(plan.Id(), task);
        await theirs.OpenPlanAsync(plan.Id(), task);
        await reader.OpenPlanAsync(plan.Id(), task);

        await PickAsync(mine, NameOf(plan.Phases()[0]), "Add phase after…");
        var add = mine.GetByRole(AriaRole.Dialog, new() { Name = $"Add a phase after “{NameOf(plan.Phases()[0])}”" });
        await add.GetByLabel("Name").FillAsync("Validate");
        await mine.ChangeAsync(() => add.GetByRole(AriaRole.Button, new() { Name = "Add phase" }).ClickAsync(), "/phases");

        List<string> expected = [NameOf(plan.Phases()[0]), "Validate", .. plan.Phases().Skip(1).Select(NameOf)];
        await Expect(Section(theirs, "Validate")).ToBeVisibleAsync();
        Assert.Equal(expected, await PhaseNamesAsync(theirs));
        await Expect(PhaseMenu(theirs, "Validate")).ToBeVisibleAsync();

        await Expect(Section(reader, "Validate")).ToBeVisibleAsync();
        Assert.Equal(expected, await PhaseNamesAsync(reader));
        await Expect(reader.GetByRole(AriaRole.Button, new() { NameRegex = new("^Phase actions") })).ToHaveCountAsync(0);
        await Expect(reader.GetByRole(AriaRole.Button, new() { NameRegex = new("^Reorder phase") })).ToHaveCountAsync(0);
        await Expect(reader.GetByRole(AriaRole.Button, new() { Name = "+ Add phase" })).ToHaveCountAsync(0);
    }
}

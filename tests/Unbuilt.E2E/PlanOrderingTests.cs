using Microsoft.Playwright;

namespace Unbuilt.E2E;

/// Reordering by keyboard, by mouse and by touch on a phone, and moving a task to another phase without dragging.
public sealed class PlanOrderingTests(BrowserServer server) : BrowserTest(server)
{
    [Fact]
    public async Task A_task_moves_up_by_keyboard_space_arrow_space()
    {
        var (user, plan) = await UserWithPlanAsync();
        var phase = plan.Phases()[0];
        var (first, second) = (phase.Tasks()[0].Title(), phase.Tasks()[1].Title());
        var page = await PageAsync(user);
        await page.OpenPlanAsync(plan.Id(), first);

        await page.KeyboardDragOverAsync(second, "ArrowUp", first);
        await page.ChangeAsync(() => page.Keyboard.PressAsync("Space"), "/move");

        var name = phase.GetProperty("name").GetString()!;
        Assert.Equal([second, first], (await page.TitlesAsync(name)).Take(2));
        await page.ReloadPlanAsync(first);
        Assert.Equal([second, first], (await page.TitlesAsync(name)).Take(2));
    }

    [Fact]
    public async Task A_task_moves_into_the_next_phase_by_keyboard_drag()
    {
        var (user, plan) = await UserWithPlanAsync();
        var (source, target) = (plan.Phases()[0], plan.Phases()[1]);
        var (sourceName, targetName) = (source.GetProperty("name").GetString()!, target.GetProperty("name").GetString()!);
        var task = source.Tasks()[^1].Title();
        var targetTitles = target.Tasks().Select(t => t.Title()).ToList();
        var page = await PageAsync(user);
        await page.OpenPlanAsync(plan.Id(), task);

        // Down from the last row of a phase goes over the first row of the next; dropping there takes its place,
        // as within a phase: coming from above, that is just after it.
        await page.KeyboardDragOverAsync(task, "ArrowDown", targetTitles[0]);
        await page.ChangeAsync(() => page.Keyboard.PressAsync("Space"), "/move");

        string[] expected = [targetTitles[0], task, targetTitles[1]];
        Assert.Equal(expected, (await page.TitlesAsync(targetName)).Take(3));
        await page.ReloadPlanAsync(task);
        Assert.Equal(expected, (await page.TitlesAsync(targetName)).Take(3));
        Assert.DoesNotContain(task, await page.TitlesAsync(sourceName));
    }

    [Fact]
    public async Task Escape_cancels_a_keyboard_move()
    {
        var (user, plan) = await UserWithPlanAsync();
        var phase = plan.Phases()[0];
        var name = phase.GetProperty("name").GetString()!;
        var page = await PageAsync(user);
        await page.OpenPlanAsync(plan.Id(), phase.Tasks()[0].Title());
        var before = await page.TitlesAsync(name);

        await page.KeyboardDragOverAsync(before[0], "ArrowDown", before[1]);
        await page.Keyboard.PressAsync("Escape");

        await Expect(page.DragAnnouncement()).ToContainTextAsync("cancelled");
        Assert.Equal(before, await page.TitlesAsync(name));
        await page.ReloadPlanAsync(before[0]);
        Assert.Equal(before, await page.TitlesAsync(name));
    }

    [Fact]
    public async Task A_task_moves_down_by_mouse_drag()
    {
        var (user, plan) = await UserWithPlanAsync();
        var phase = plan.Phases()[0];
        var name = phase.GetProperty("name").GetString()!;
        var tasks = phase.Tasks();
        var titles = tasks.Select(t => t.Title()).ToList();
        var page = await PageAsync(user);
        await page.OpenPlanAsync(plan.Id(), titles[0]);

        // Grab the handle and carry the row until it sits where the third row is. The rows sit mid-screen first:
        // near an edge the drag scrolls the page by itself, as far as a slow (busy) machine gives it time to.
        await page.Row(tasks[1].Id()).EvaluateAsync("row => row.scrollIntoView({ block: 'center' })");
        var handle = (await page.Handle(titles[0]).BoundingBoxAsync())!;
        var from = (await page.Row(tasks[0].Id()).BoundingBoxAsync())!;
        var to = (await page.Row(tasks[2].Id()).BoundingBoxAsync())!;
        var (x, y) = (handle.X + handle.Width / 2, handle.Y + handle.Height / 2);
        var down = (to.Y + to.Height / 2) - (from.Y + from.Height / 2);
        await page.ChangeAsync(async () =>
        {
            await page.Mouse.MoveAsync(x, y);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(x, y + 10, new() { Steps = 3 });
            await page.Mouse.MoveAsync(x, y + down, new() { Steps = 20 });
            await page.Mouse.UpAsync();
        }, "/move");

        var after = await page.TitlesAsync(name);
        Assert.Equal([titles[1], titles[2], titles[0]], after.Take(3));
        await page.ReloadPlanAsync(titles[0]);
        Assert.Equal(after, await page.TitlesAsync(name));
    }

    [Fact]
    public async Task A_task_moves_down_by_touch_drag_on_a_phone()
    {
        var (user, plan) = await UserWithPlanAsync();
        var phase = plan.Phases()[0];
        var name = phase.GetProperty("name").GetString()!;
        var tasks = phase.Tasks();
        var titles = tasks.Select(t => t.Title()).ToList();
        var page = await PageAsync(user, 390, 844, touch: true);
        await page.OpenPlanAsync(plan.Id(), titles[0]);

        // The three rows on screen, under a finger: put it on the first row's handle and slide it to the third row.
        // The handle owns touch gestures (touch-action: none) and the drag starts after 4 px, as with a mouse.
        await page.Row(tasks[1].Id()).EvaluateAsync("row => row.scrollIntoView({ block: 'center' })");
        var handle = (await page.Handle(titles[0]).BoundingBoxAsync())!;
        var from = (await page.Row(tasks[0].Id()).BoundingBoxAsync())!;
        var to = (await page.Row(tasks[2].Id()).BoundingBoxAsync())!;
        Assert.True(from.Y >= 0 && to.Y + to.Height <= 844, $"Rows at {from.Y} and {to.Y + to.Height} are not both on a 844 px screen.");
        var down = (to.Y + to.Height / 2) - (from.Y + from.Height / 2);
        await page.ChangeAsync(() => page.TouchDragAsync(handle.X + handle.Width / 2, handle.Y + handle.Height / 2, down), "/move");

        var after = await page.TitlesAsync(name);
        Assert.Equal([titles[1], titles[2], titles[0]], after.Take(3));
        await page.ReloadPlanAsync(titles[0]);
        Assert.Equal(after, await page.TitlesAsync(name));
    }

    [Fact]
    public async Task Move_to_puts_a_task_in_another_phase_without_dragging()
    {
        var (user, plan) = await UserWithPlanAsync();
        var (source, target) = (plan.Phases()[0], plan.Phases()[1]);
        var task = source.Tasks()[2].Title();
        var targetName = target.GetProperty("name").GetString()!;
        var page = await PageAsync(user);
        await page.OpenPlanAsync(plan.Id(), task);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Actions for {task}", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Move to…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"Move “{task}”" });
        await dialog.GetByLabel("Phase").SelectOptionAsync(new SelectOptionValue { Label = targetName });
        await dialog.GetByLabel("Position").SelectOptionAsync(new SelectOptionValue { Label = "At the top" });
        await page.ChangeAsync(() => dialog.GetByRole(AriaRole.Button, new() { Name = "Move" }).ClickAsync(), "/move");

        Assert.Equal(task, (await page.TitlesAsync(targetName))[0]);
        await page.ReloadPlanAsync(task);
        Assert.Equal(task, (await page.TitlesAsync(targetName))[0]);
        Assert.DoesNotContain(task, await page.TitlesAsync(source.GetProperty("name").GetString()!));
    }
}

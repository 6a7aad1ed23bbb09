using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Unbuilt.E2E;

/// The plan page's first load with 120 tasks, timed by the browser's own performance timeline and printed (the
/// budget is 1 s; it is recorded, not asserted: timing belongs in benchmarks, not in pass/fail). The server has
/// served the plan once already, as a running server has: the first visit is a browser with an empty cache,
/// not a server that has just started. Then the time a tick takes to show, printed the same way.
public sealed class PlanLoadTimingTests(BrowserServer server, ITestOutputHelper output) : BrowserTest(server)
{
    private const int Tasks = 120;

    [Fact]
    public async Task The_plan_page_loads_a_120_task_plan_and_reports_its_timing()
    {
        var (user, plan) = await UserWithPlanAsync();
        var phases = plan.Phases();
        var count = phases.Sum(p => p.Tasks().Count);
        for (var i = count; i < Tasks; i++)
            await Server.AddTaskAsync(user, plan.Id(), phases[i % phases.Count].Id(), $"Extra task {i + 1}");
        await Server.PlanAsync(user, plan.Id());
        var page = await PageAsync(user);

        foreach (var visit in new[] { "first visit (cold cache)", "reload (warm cache)" })
        {
            if (visit.StartsWith("first", StringComparison.Ordinal)) await page.GotoAsync($"/plans/{plan.Id()}");
            else await page.ReloadAsync();
            // The tasks' boxes (the filter bar above them has checkboxes of its own).
            await Expect(page.Locator("main li.task").GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(Tasks);
            var timing = await page.EvaluateAsync<JsonElement>("""
                () => {
                  const nav = performance.getEntriesByType('navigation')[0];
                  const ready = performance.getEntriesByName('unbuilt:plan-ready')[0];
                  const plan = performance.getEntriesByType('resource').find(r => /\/api\/plans\/\d+$/.test(r.name));
                  return { domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, planReady: ready ? ready.startTime : -1,
                    planRequest: plan ? plan.startTime : -1, planResponse: plan ? plan.responseEnd : -1 };
                }
                """);
            var ready = timing.GetProperty("planReady").GetDouble();
            output.WriteLine($"Plan page with {Tasks} tasks, {visit}: plan rendered at {ready:0} ms after navigation start " +
                $"(DOMContentLoaded {timing.GetProperty("domContentLoaded").GetDouble():0} ms, load {timing.GetProperty("load").GetDouble():0} ms; " +
                $"GET /api/plans/{plan.Id()} from {timing.GetProperty("planRequest").GetDouble():0} to {timing.GetProperty("planResponse").GetDouble():0} ms).");
            Assert.True(ready > 0, "The plan page did not mark unbuilt:plan-ready.");
        }

        // A tick: from the click to the first frame painted after it, with the box drawn ticked (the change is
        // optimistic: the server's answer comes later). Five boxes, the median printed.
        var ticks = new List<double>();
        var boxes = page.Locator("main li.task").GetByRole(AriaRole.Checkbox);
        for (var i = 0; i < 5; i++)
        {
            var shown = await boxes.Nth(i * 7).EvaluateAsync<JsonElement>("""
                box => new Promise(resolve => {
                  const start = performance.now();
                  box.click();
                  requestAnimationFrame(() => setTimeout(() => resolve({ ms: performance.now() - start, checked: box.checked }), 0));
                })
                """);
            Assert.True(shown.GetProperty("checked").GetBoolean(), "A clicked box was not drawn ticked in the next frame.");
            ticks.Add(shown.GetProperty("ms").GetDouble());
            await Expect(page.Locator("main li.task").Nth(i * 7)).Not.ToContainTextAsync("Saving…");
        }
        ticks.Sort();
        output.WriteLine($"A tick on the {Tasks}-task plan shows {ticks[2]:0.0} ms after the click (median of 5; " +
            $"{ticks[0]:0.0} to {ticks[^1]:0.0} ms).");
    }
}

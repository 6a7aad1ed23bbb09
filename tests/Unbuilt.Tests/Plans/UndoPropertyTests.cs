using System.Net.Http.Json;
using CsCheck;

namespace Unbuilt.Tests.Plans;

/// Any sequence of edits, moves, reorders, status changes and deletions, then undo of every one of them, gives
/// back the plan it started from; and after every step the order is total (by key, then id) and stable, and today's
/// stored counts (the burn-up point, which later changes start from) match the tasks.
public sealed class UndoPropertyTests(UnbuiltServer server) : PlanTest(server)
{
    /// One step: what to do, to which task (index into the plan's current tasks), and a number for the details.
    public sealed record Step(int Kind, int Task, int Detail);

    private static readonly Gen<Step[]> Steps =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 1000], Gen.Int[0, 1000], (kind, task, detail) => new Step(kind, task, detail)).Array[1, 10];

    private static readonly string[] Statuses = ["notStarted", "inProgress", "completed", "skipped"];

    [Fact]
    public async Task Undoing_every_step_of_any_sequence_restores_the_plan()
    {
        var client = await UserAsync("founder@example.com");

        await Steps.SampleAsync(async steps =>
        {
            var planId = Id(await CreatePlanAsync(client));
            var start = await ContentAsync(client, planId);
            var committed = 0;
            foreach (var step in steps)
            {
                var before = Version(await GetPlanAsync(client, planId));
                var response = await ApplyAsync(client, planId, step);
                Assert.True((int)response.StatusCode < 500, $"{step}: {(int)response.StatusCode}");
                var after = await GetPlanAsync(client, planId);
                if (Version(after) > before) committed++;
                AssertTotallyOrdered(after);
                await AssertStoredCountsMatchAsync(client, planId, step.ToString());
            }

            for (var i = 0; i < committed; i++)
            {
                await OkJson(client.PostAsync($"/api/plans/{planId}/undo", null));
                await AssertStoredCountsMatchAsync(client, planId, $"undo {i + 1} of {committed}");
            }

            await AssertProblem(await client.PostAsync($"/api/plans/{planId}/undo", null), 409);
            Assert.Equal(start, await ContentAsync(client, planId));
        }, iter: 12, threads: 1);
    }

    private async Task<HttpResponseMessage> ApplyAsync(HttpClient client, int planId, Step step)
    {
        var plan = await GetPlanAsync(client, planId);
        var tasks = Tasks(plan);
        var phases = Phases(plan);
        var task = Id(tasks[step.Task % tasks.Count]);
        var phase = phases[step.Detail % phases.Count];
        var siblings = TaskIds(phase).Where(id => id != task).ToList();
        int? after = siblings.Count == 0 || step.Detail % 3 == 0 ? null : siblings[step.Detail % siblings.Count];
        return step.Kind switch
        {
            0 => await client.PatchAsJsonAsync($"/api/tasks/{task}", new { title = $"Title {step.Detail}", dueDate = "2030-06-01" }),
            1 => await client.PatchAsJsonAsync($"/api/tasks/{task}", new { status = Statuses[step.Detail % 4], @override = true }),
            2 => await client.PostAsJsonAsync($"/api/tasks/{task}/move", new { phaseId = Id(phase), afterTaskId = after }),
            3 => await client.PostAsJsonAsync($"/api/plans/{planId}/tasks/reorder",
                new { phaseId = Id(phase), taskIds = TaskIds(phase).OrderBy(id => (id * 7919 + step.Detail) % 101).ToList() }),
            4 => await client.PostAsJsonAsync($"/api/tasks/{task}/dependencies", new { prerequisiteTaskId = Id(tasks[step.Detail % tasks.Count]) }),
            _ => await client.DeleteAsync($"/api/tasks/{task}"),
        };
    }

    private async Task AssertStoredCountsMatchAsync(HttpClient client, int planId, string after)
    {
        var progress = await OkJson(client.GetAsync($"/api/plans/{planId}/progress"));
        var overall = progress.GetProperty("overall");
        var today = progress.GetProperty("snapshots").EnumerateArray().Last();
        foreach (var count in (string[])["total", "completed", "skipped"])
            Assert.True(today.GetProperty(count).GetInt32() == overall.GetProperty(count).GetInt32(),
                $"after {after}: today's {count} is {today.GetProperty(count)}, the tasks say {overall.GetProperty(count)}");
    }

    private static void AssertTotallyOrdered(System.Text.Json.JsonElement plan)
    {
        foreach (var phase in Phases(plan))
        {
            var slots = phase.GetProperty("tasks").EnumerateArray()
                .Select(t => (Key: t.GetProperty("position").GetString()!, Id: Id(t))).ToList();
            var sorted = slots.OrderBy(s => s.Key, StringComparer.Ordinal).ThenBy(s => s.Id).ToList();
            Assert.Equal(sorted, slots);
            Assert.Equal(slots.Count, slots.Distinct().Count());
        }
    }
}

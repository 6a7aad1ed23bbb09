using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Unbuilt.Tests.Plans;

public sealed class ProgressTests(UnbuiltServer server) : PlanTest(server)
{
    [Fact]
    public async Task Percent_is_completed_over_total_minus_skipped_per_plan_and_per_phase()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var phase = Phases(plan)[0];
        var ids = TaskIds(phase);
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{ids[0]}", new { status = "completed" }));
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{ids[1]}", new { status = "skipped" }));
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{ids[2]}", new { status = "inProgress" }));

        var progress = await OkJson(client.GetAsync($"/api/plans/{Id(plan)}/progress"));

        var total = Tasks(plan).Count;
        var overall = progress.GetProperty("overall");
        Assert.Equal(total, overall.GetProperty("total").GetInt32());
        Assert.Equal(1, overall.GetProperty("completed").GetInt32());
        Assert.Equal(1, overall.GetProperty("skipped").GetInt32());
        Assert.Equal(1, overall.GetProperty("inProgress").GetInt32());
        Assert.Equal(total - 3, overall.GetProperty("notStarted").GetInt32());
        Assert.Equal(Math.Round(100.0 / (total - 1), 1), overall.GetProperty("percent").GetDouble());
        var first = progress.GetProperty("phases")[0];
        Assert.Equal(Id(phase), first.GetProperty("phaseId").GetInt32());
        Assert.Equal(Math.Round(100.0 / (ids.Count - 1), 1), first.GetProperty("progress").GetProperty("percent").GetDouble());
    }

    [Fact]
    public async Task Velocity_counts_the_last_30_days_and_estimates_the_finish()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var ids = Tasks(plan).Select(Id).ToList();
        foreach (var id in ids.Take(4)) await OkJson(client.PatchAsJsonAsync($"/api/tasks/{id}", new { status = "completed" }));
        // One completion from long ago does not count towards velocity; the other three are on three recent days.
        await CompletedDaysAgoAsync(ids[0], 60);
        await CompletedDaysAgoAsync(ids[1], 1);
        await CompletedDaysAgoAsync(ids[2], 2);

        var progress = await OkJson(client.GetAsync($"/api/plans/{Id(plan)}/progress"));

        Assert.Equal(3, progress.GetProperty("completedLast30Days").GetInt32());
        Assert.Equal(Math.Round(3 * 7.0 / 30, 2), progress.GetProperty("velocityPerWeek").GetDouble());
        var remaining = ids.Count - 4;
        Assert.Equal(remaining, progress.GetProperty("remaining").GetInt32());
        var expected = DateOnly.FromDateTime(DateTime.UtcNow).AddDays((int)Math.Ceiling(remaining * 30 / 3.0));
        Assert.Equal(expected.ToString("yyyy-MM-dd"), progress.GetProperty("estimatedCompletionDate").GetString());
        Assert.Equal(JsonValueKind.Null, progress.GetProperty("forecastNeeds").ValueKind);
    }

    [Fact]
    public async Task One_completion_on_day_one_is_no_pace_and_says_what_a_forecast_needs()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{Id(Tasks(plan)[0])}", new { status = "completed" }));

        var progress = await OkJson(client.GetAsync($"/api/plans/{Id(plan)}/progress"));

        Assert.Equal(JsonValueKind.Null, progress.GetProperty("velocityPerWeek").ValueKind);
        Assert.Equal(JsonValueKind.Null, progress.GetProperty("estimatedCompletionDate").ValueKind);
        Assert.Equal("3 completions over 3 days (1 so far, over 1 day)", progress.GetProperty("forecastNeeds").GetString());
    }

    [Fact]
    public async Task Three_completions_on_two_days_are_still_not_enough()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var ids = Tasks(plan).Select(Id).ToList();
        foreach (var id in ids.Take(3)) await OkJson(client.PatchAsJsonAsync($"/api/tasks/{id}", new { status = "completed" }));
        await CompletedDaysAgoAsync(ids[0], 1);

        var progress = await OkJson(client.GetAsync($"/api/plans/{Id(plan)}/progress"));

        Assert.Equal(JsonValueKind.Null, progress.GetProperty("velocityPerWeek").ValueKind);
        Assert.Equal("3 completions over 3 days (3 so far, over 2 days)", progress.GetProperty("forecastNeeds").GetString());
    }

    private Task<int> CompletedDaysAgoAsync(int taskId, int days) => DbAsync(db => db.PlanTasks.Where(t => t.Id == taskId)
        .ExecuteUpdateAsync(s => s.SetProperty(t => t.CompletedAt, DateTime.UtcNow.AddDays(-days))));

    [Fact]
    public async Task Without_recent_completions_there_is_no_estimate_and_the_burn_up_has_today()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);

        var progress = await OkJson(client.GetAsync($"/api/plans/{Id(plan)}/progress"));

        Assert.Equal(JsonValueKind.Null, progress.GetProperty("estimatedCompletionDate").ValueKind);
        var today = progress.GetProperty("snapshots").EnumerateArray().Last();
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), today.GetProperty("day").GetString());
        Assert.Equal(Tasks(plan).Count, today.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_burn_up_carries_each_days_counts_forward()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{Id(Tasks(plan)[0])}", new { status = "completed" }));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await DbAsync(async db =>
        {
            db.PlanProgressSnapshots.Add(new() { PlanId = Id(plan), Day = today.AddDays(-3), TotalTasks = 5, CompletedTasks = 0 });
            return await db.SaveChangesAsync();
        });

        var points = (await OkJson(client.GetAsync($"/api/plans/{Id(plan)}/progress"))).GetProperty("snapshots").EnumerateArray().ToList();

        Assert.Equal(4, points.Count);
        Assert.Equal([5, 5, 5, Tasks(plan).Count], points.Select(p => p.GetProperty("total").GetInt32()));
        Assert.Equal(1, points[^1].GetProperty("completed").GetInt32());
    }
}

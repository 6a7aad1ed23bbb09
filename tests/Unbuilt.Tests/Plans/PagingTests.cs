using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace Unbuilt.Tests.Plans;

/// History and catch-up answer in pages of at most 200: a bigger page is refused, and following each answer's cursor
/// from the first page to the last returns every row once.
public sealed class PagingTests(UnbuiltServer server) : PlanTest(server)
{
    /// A plan with a few operations after its creation (which alone writes a history row per task).
    private async Task<(HttpClient Client, int PlanId)> EditedPlanAsync()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var t = Tasks(plan).Select(Id).ToList();
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{t[0]}", new { status = "inProgress" }));
        await OkJson(client.PostAsJsonAsync($"/api/tasks/{t[1]}/dependencies", new { prerequisiteTaskId = t[0] }));
        await OkJson(client.DeleteAsync($"/api/tasks/{t[2]}"));
        await OkJson(client.PatchAsJsonAsync($"/api/plans/{Id(plan)}", new { title = "Renamed" }));
        return (client, Id(plan));
    }

    [Theory]
    [InlineData("history?limit=0")]
    [InlineData("history?limit=201")]
    [InlineData("changes?since=0&limit=0")]
    [InlineData("changes?since=0&limit=201")]
    [InlineData("changes?since=0&limit=many")]
    public async Task A_page_size_outside_1_to_200_is_400(string query)
    {
        var (client, planId) = await EditedPlanAsync();

        await AssertProblem(await client.GetAsync($"/api/plans/{planId}/{query}"), 400);
    }

    [Fact]
    public async Task Following_the_next_link_through_history_returns_every_row_once_newest_first()
    {
        var (client, planId) = await EditedPlanAsync();
        var all = await DbAsync(db => db.TaskHistory.Where(h => h.PlanId == planId).OrderByDescending(h => h.Id).Select(h => h.Id).ToListAsync());
        var seen = new List<long>();

        string? next = $"/api/plans/{planId}/history?limit=7";
        for (var pages = 0; next is not null; pages++)
        {
            Assert.True(pages < all.Count, "The history did not end.");
            var response = await client.GetAsync(next);
            var page = await OkJson(Task.FromResult(response));
            seen.AddRange(page.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
            next = NextLink(response);
            Assert.True(page.GetArrayLength() == 7 || next is null, "Only the last page is short.");
        }

        Assert.Equal(all, seen);
    }

    [Fact]
    public async Task The_last_history_page_has_no_next_link()
    {
        var (client, planId) = await EditedPlanAsync();
        var rows = await HistoryRowsAsync(planId);

        var exact = await client.GetAsync($"/api/plans/{planId}/history?limit={rows}");

        Assert.Equal(rows, (await OkJson(Task.FromResult(exact))).GetArrayLength());
        Assert.Null(NextLink(exact));
        Assert.NotNull(NextLink(await client.GetAsync($"/api/plans/{planId}/history?limit={rows - 1}")));
    }

    [Fact]
    public async Task Following_next_since_through_changes_returns_every_version_once_in_order()
    {
        var (client, planId) = await EditedPlanAsync();
        var version = Version(await GetPlanAsync(client, planId));
        var seen = new List<int>();

        var since = 0;
        for (var more = true; more;)
        {
            Assert.True(seen.Count < version, "The changes feed did not end.");
            var page = await OkJson(client.GetAsync($"/api/plans/{planId}/changes?since={since}&limit=2"));
            var versions = page.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("version").GetInt32()).ToList();
            seen.AddRange(versions);
            more = page.GetProperty("hasMore").GetBoolean();
            Assert.True(versions.Count == 2 || !more, "Only the last page is short.");
            since = page.GetProperty("nextSince").GetInt32();
        }

        Assert.Equal(Enumerable.Range(1, version), seen);
        var caughtUp = await OkJson(client.GetAsync($"/api/plans/{planId}/changes?since={since}"));
        Assert.Empty(caughtUp.GetProperty("changes").EnumerateArray());
        Assert.Equal(version, caughtUp.GetProperty("nextSince").GetInt32());
    }

    /// The target of the RFC 8288 `Link: <…>; rel="next"` header, if any.
    private static string? NextLink(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var links)
            ? links.Select(l => l.Split(';')).Where(p => p.Skip(1).Any(x => x.Trim() == "rel=\"next\"")).Select(p => p[0].Trim().Trim('<', '>')).SingleOrDefault()
            : null;
}

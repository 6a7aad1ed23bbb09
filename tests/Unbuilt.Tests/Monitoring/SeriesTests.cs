using System.Text.Json;
using Unbuilt.Monitoring;

namespace Unbuilt.Tests.Monitoring;

/// GET /api/performance/series: each operation's p95 and error rates per step over a window, with the alert
/// thresholds, the same on SQLite and PostgreSQL.
public sealed class SeriesTests(MonitoringServer server) : MonitoringTest<MonitoringServer>(server)
{
    private static DateTime MinuteOf(DateTime at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    private static JsonElement Line(JsonElement series, string operation) =>
        series.GetProperty("operations").EnumerateArray().Single(o => o.GetProperty("operation").GetString() == operation);

    [Fact]
    public async Task Each_step_has_its_count_server_and_client_errors_and_p95_and_empty_steps_are_left_out()
    {
        var admin = await AdminAsync();
        var (early, late) = (Now.AddMinutes(-40), Now.AddMinutes(-10));
        // task_updated at `late`: 1..21 ms, two 503s and three 404s; at `early`: 4 quick ones. plan_loaded once, 2 h ago.
        await InsertAsync(Enumerable.Range(1, 21).Select(ms => Event("task_updated", ms, ms switch { 3 or 9 => 503, 4 or 5 or 6 => 404, _ => 200 }, late)));
        await InsertAsync(Enumerable.Range(1, 4).Select(_ => Event("task_updated", 2, at: early)));
        await InsertAsync([Event("plan_loaded", 50, at: Now.AddHours(-2))]);

        var series = await OkJson(admin.GetAsync($"{Performance}/series?window=1h&step=1m"));

        Assert.Equal(("1h", "1m"), (series.GetProperty("window").GetString(), series.GetProperty("step").GetString()));
        Assert.Equal(["task_updated"], series.GetProperty("operations").EnumerateArray().Select(o => o.GetProperty("operation").GetString()));
        var points = Line(series, "task_updated").GetProperty("points").EnumerateArray().ToList();
        Assert.Equal([MinuteOf(early), MinuteOf(late)], points.Select(p => p.GetProperty("at").GetDateTime().ToUniversalTime()));
        var last = points[1];
        Assert.Equal((21, 2, 3), (last.GetProperty("count").GetInt32(), last.GetProperty("errors").GetInt32(), last.GetProperty("clientErrors").GetInt32()));
        Assert.Equal((9.5, 14.3, 20.0), (last.GetProperty("errorRatePercent").GetDouble(),
            last.GetProperty("clientErrorRatePercent").GetDouble(), last.GetProperty("p95Ms").GetDouble()));
        Assert.Equal(4, points[0].GetProperty("count").GetInt32());
        var thresholds = series.GetProperty("thresholds");
        Assert.Equal((1.0, 1000.0, 500.0, "task_updated"), (thresholds.GetProperty("errorRatePercent").GetDouble(),
            thresholds.GetProperty("apiP95Ms").GetDouble(), thresholds.GetProperty("taskUpdateP95Ms").GetDouble(),
            thresholds.GetProperty("taskUpdateOperation").GetString()));

        var day = await OkJson(admin.GetAsync($"{Performance}/series?window=24h&operation=plan_loaded"));
        Assert.Equal("1h", day.GetProperty("step").GetString());
        Assert.Equal(1, Line(day, "plan_loaded").GetProperty("points")[0].GetProperty("count").GetInt32());
        Assert.Equal(["plan_loaded"], day.GetProperty("operations").EnumerateArray().Select(o => o.GetProperty("operation").GetString()));
    }

    [Fact]
    public async Task A_busy_step_keeps_a_bounded_sample_whose_p95_is_close_to_the_exact_one()
    {
        var admin = await AdminAsync();
        var count = OperationSeries.SamplesPerPoint * 3;
        await InsertAsync(Enumerable.Range(1, count).Select(ms => Event("plan_loaded", ms, at: Now.AddMinutes(-3))));

        var point = Line(await OkJson(admin.GetAsync($"{Performance}/series?window=15m")), "plan_loaded").GetProperty("points")[0];

        Assert.Equal(count, point.GetProperty("count").GetInt32());
        var exact = 0.95 * (count - 1) + 1;
        Assert.InRange(point.GetProperty("p95Ms").GetDouble(), exact * 0.97, exact * 1.03);
    }

    [Theory]
    [InlineData("window=2h", "window")]
    [InlineData("step=10m", "step")]
    [InlineData("window=15m&step=1h", "step")]
    [InlineData("operation=", "operation")]
    public async Task A_bad_window_or_step_is_a_400_naming_it(string query, string field)
    {
        var admin = await AdminAsync();

        var problem = await AssertProblem(await admin.GetAsync($"{Performance}/series?{query}"), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem does not name {field}: {problem}");
    }

    [Fact]
    public async Task Only_admins_read_it()
    {
        var user = await Server.CreateUserAsync("someone@example.com");

        await AssertProblem(await Server.Client(user).GetAsync($"{Performance}/series"), 403);
        await AssertProblem(await Server.Client().GetAsync($"{Performance}/series"), 401);
    }
}

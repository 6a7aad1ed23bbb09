using Unbuilt.Cli;
using Unbuilt.LoadTest;

namespace Unbuilt.Tests.LoadTest;

/// How a run is judged: each bar, the error rate, and the exit code that tells a script what kind of miss it was.
public sealed class VerdictTests
{
    private static readonly LoadTestSettings Settings = new(2, TimeSpan.FromSeconds(10), 30, 0, 200, Ceiling: false, null);

    private static LoadReport Judge(RunResults results, bool interrupted = false, string? switchedOff = null,
        LoadTestSettings? settings = null) => Verdict.Judge(settings ?? Settings,
        new Verdict.Measured("http://127.0.0.1:5000/", DateTime.UnixEpoch, TimeSpan.FromSeconds(10), interrupted, 2, 0, null,
            new WarmUpFacts(0, "0 s", "none"), switchedOff),
        results);

    private static RunResults AllWithin(double ms)
    {
        var results = new RunResults(LoadTestCommand.Server.Percentile);
        foreach (var operation in RunResults.Operations)
            for (var i = 0; i < 100; i++) results.Succeeded(operation, TimeSpan.FromMilliseconds(ms));
        return results;
    }

    [Fact]
    public void Fast_and_clean_passes_with_exit_0()
    {
        var report = Judge(AllWithin(5));

        Assert.True(report.Passed);
        Assert.Equal(0, report.ExitCode);
        Assert.Empty(report.Misses);
        Assert.Equal(500, report.Errors.Requests);
    }

    [Fact]
    public void A_p95_over_a_budget_but_under_the_SLA_passes_with_a_note_and_fails_with_exit_1_only_under_budgets()
    {
        var report = Judge(AllWithin(30));

        Assert.Equal(0, report.ExitCode);
        var update = report.Operations.Single(o => o.Name == RunResults.TaskUpdated);
        Assert.Equal((true, false), (update.GuidePass, update.BudgetPass));
        Assert.Empty(report.Misses);
        Assert.Contains("budget: task_updated p95 30 ms (≤ 20 ms)", report.BudgetNotes!);

        var enforced = Judge(AllWithin(30), settings: Settings with { EnforceBudgets = true });

        Assert.Equal(1, enforced.ExitCode);
        Assert.Contains("budget: task_updated p95 30 ms (≤ 20 ms)", enforced.Misses);
        Assert.Empty(enforced.BudgetNotes!);
    }

    [Fact]
    public void An_SLA_set_for_the_run_replaces_the_guides_and_decides_the_exit()
    {
        var settings = Settings with { Slas = LoadTestSettings.ParseSlas(["task_updated=25", "plan_loaded=40"]) };

        var report = Judge(AllWithin(30), settings: settings);

        Assert.Equal(1, report.ExitCode);
        Assert.Equal(["SLA: task_updated p95 30 ms (< 25 ms)"], report.Misses);
        Assert.Equal(25, report.Operations.Single(o => o.Name == RunResults.TaskUpdated).GuideP95Ms);
        Assert.Equal(200, report.Operations.Single(o => o.Name == RunResults.TaskMoved).GuideP95Ms);
    }

    [Theory]
    [InlineData("task_updated")]
    [InlineData("live_update=50")]
    [InlineData("nonsense=10")]
    [InlineData("task_updated=0")]
    [InlineData("task_updated=fast")]
    [InlineData("task_updated=NaN")]
    public void A_malformed_SLA_is_refused_with_the_names_it_takes(string value)
    {
        var error = Assert.Throws<LoadTestException>(() => LoadTestSettings.ParseSlas([value]));

        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_failed_request_in_a_thousand_meets_the_error_rate_SLA_and_exits_2_only_under_budgets()
    {
        var results = AllWithin(5);
        for (var i = 0; i < 500; i++) results.Succeeded(RunResults.PlanLoaded, TimeSpan.FromMilliseconds(5));
        results.Failed(RunResults.TaskMoved, "POST api/tasks/{id}/move → 500 boom");

        var report = Judge(results);

        Assert.True(report.Errors.GuidePass);
        Assert.False(report.Errors.BudgetPass);
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("1 of 1001 requests failed", report.BudgetNotes!);
        Assert.Equal(["POST api/tasks/{id}/move → 500 boom"], report.Operations.Single(o => o.Name == RunResults.TaskMoved).ErrorSamples);
        Assert.Equal(2, Judge(results, settings: Settings with { EnforceBudgets = true }).ExitCode);
    }

    [Fact]
    public void An_error_rate_over_the_SLA_exits_2()
    {
        var results = AllWithin(5);
        for (var i = 0; i < 5; i++) results.Failed(RunResults.TaskUpdated, "PATCH api/tasks/{id} → 503");

        var report = Judge(results);

        Assert.False(report.Errors.GuidePass);
        Assert.Equal(2, report.ExitCode);
        Assert.Contains(report.Misses, m => m.StartsWith("SLA: error rate", StringComparison.Ordinal));
    }

    [Fact]
    public void An_operation_without_samples_cannot_pass_and_an_interrupted_run_exits_130()
    {
        var report = Judge(new RunResults(LoadTestCommand.Server.Percentile), interrupted: true);

        Assert.Contains("live_update: no samples to judge", report.Misses);
        Assert.Equal(130, report.ExitCode);
    }

    [Fact]
    public void A_feature_switched_off_during_the_run_is_the_first_miss_and_exits_2()
    {
        const string off = "action_plan_customization was switched off during the run by guard (rolled back: error rate 9% > 1%)";

        var report = Judge(AllWithin(5), switchedOff: off);

        Assert.Equal(2, report.ExitCode);
        Assert.Equal([off], report.Misses);
    }
}

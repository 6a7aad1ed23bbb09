using Unbuilt.Cli;
using Unbuilt.LoadTest;

namespace Unbuilt.Tests.LoadTest;

/// Live updates are matched to changes by operation id, whichever of the event and the 2xx answer comes first.
public sealed class LiveLatencyTests
{
    private static LatencySummary Of(RunResults results, string operation) => results.Summarize().Single(s => s.Operation == operation);

    [Fact]
    public void An_event_before_the_answer_counts_once_with_a_negative_lag_behind_the_answer()
    {
        var results = new RunResults(LoadTestCommand.Server.Percentile);
        var live = new LiveLatency(results);

        live.Expect("op-1");
        live.Arrived("op-1");
        live.Arrived("op-1"); // a second delivery of the same event is not a second sample
        Thread.Sleep(5);
        live.Committed("op-1");

        Assert.Equal(1, Of(results, RunResults.LiveUpdate).Count);
        Assert.True(Of(results, RunResults.LiveAfterAnswer).P50Ms < 0);
        Assert.Equal(0, results.Requests);
    }

    [Fact]
    public void Events_of_failed_or_unknown_changes_are_ignored()
    {
        var results = new RunResults(LoadTestCommand.Server.Percentile);
        var live = new LiveLatency(results);

        live.Expect("op-1");
        live.Forget("op-1");
        live.Arrived("op-1");
        live.Arrived("someone-elses");
        live.Arrived(null);

        Assert.Equal(0, Of(results, RunResults.LiveUpdate).Count);
    }

    [Fact]
    public void A_committed_change_whose_event_never_comes_is_lost_only_after_the_timeout()
    {
        var results = new RunResults(LoadTestCommand.Server.Percentile);
        var live = new LiveLatency(results);
        live.Expect("op-1");
        live.Committed("op-1");

        live.ExpireLate();

        Assert.Equal(0, Of(results, RunResults.LiveUpdate).Errors);
    }
}

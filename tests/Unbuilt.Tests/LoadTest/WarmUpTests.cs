using Unbuilt.LoadTest;

namespace Unbuilt.Tests.LoadTest;

/// --warm-up: auto waits for the server's JIT to settle (read from /metrics), a duration waits that long.
public sealed class WarmUpTests
{
    [Theory]
    [InlineData("auto", null)]
    [InlineData(" AUTO ", null)]
    [InlineData("0", 0)]
    [InlineData("45s", 45)]
    [InlineData("2m", 120)]
    public void Auto_or_a_duration(string text, int? seconds)
    {
        var plan = WarmUpPlan.Parse(text);

        Assert.Equal(seconds is null, plan.IsAuto);
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, plan.Length);
        Assert.Equal(seconds is { } l ? TimeSpan.FromSeconds(l) : WarmUpPlan.AutoMaximum, plan.Longest);
    }

    [Theory]
    [InlineData("later", "neither auto nor a duration")]
    [InlineData("automatic", "neither auto nor a duration")]
    [InlineData("11m", "0 to 10m")]
    public void Anything_else_is_refused_and_says_what_would_do(string text, string says)
    {
        var message = Assert.Throws<LoadTestException>(() => WarmUpPlan.Parse(text)).Message;

        Assert.Contains("--warm-up", message);
        Assert.Contains(says, message);
    }

    [Fact]
    public void The_JIT_has_not_settled_before_a_whole_window_was_seen()
    {
        var jit = new JitSettling();
        jit.Add(TimeSpan.Zero, 30.0);
        jit.Add(TimeSpan.FromSeconds(4), 30.0);
        jit.Add(TimeSpan.FromSeconds(8), 30.0);

        Assert.Null(jit.Share);
        Assert.False(jit.Settled);
    }

    [Fact]
    public void A_compiling_server_is_not_settled_and_one_that_stopped_is_once_a_window_passed_quietly()
    {
        var jit = new JitSettling();
        var total = 0.0;
        for (var second = 0; second <= 40; second += 2)
        {
            total += second <= 20 ? 1.4 : 0.002; // 70 % of a core for 20 s, then almost nothing
            jit.Add(TimeSpan.FromSeconds(second), total);
            if (second is >= 10 and <= 28) Assert.False(jit.Settled, $"settled at {second} s (share {jit.Share})");
        }

        Assert.True(jit.Settled, $"share {jit.Share}");
        Assert.InRange(jit.Share!.Value, 0, 0.002);
    }

    [Fact]
    public void A_short_burst_of_recompiling_in_the_window_keeps_it_unsettled()
    {
        var jit = new JitSettling();
        double[] totals = [10, 10, 10, 10, 10, 10, 10.5, 10.5]; // 0.5 s of JIT between 10 and 12 s
        for (var i = 0; i < totals.Length; i++) jit.Add(TimeSpan.FromSeconds(2 * i), totals[i]);

        Assert.False(jit.Settled);
        Assert.InRange(jit.Share!.Value, 0.04, 0.06);
    }

    [Theory]
    [InlineData("dotnet_jit_compilation_time_seconds_total{otel_scope_name=\"System.Runtime\"} 19.5944293", 19.5944293)]
    [InlineData("dotnet_jit_compilation_time_seconds_total 3.5 1700000000000", 3.5)]
    [InlineData("dotnet_jit_compilation_time_seconds_total{a=\"x } y\",b=\"2\"} 1e-3", 0.001)]
    public void The_counter_is_read_from_Prometheus_text(string line, double expected)
    {
        var text = "# HELP dotnet_jit_compilation_time_seconds_total The time.\n" +
            "# TYPE dotnet_jit_compilation_time_seconds_total counter\n" +
            "dotnet_jit_compilation_time_seconds_total_other 99\n" + line + "\n";

        Assert.Equal(expected, ServerMetrics.First(text, "dotnet_jit_compilation_time_seconds_total"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("dotnet_jit_compiled_methods_total 4\n")]
    [InlineData("dotnet_jit_compilation_time_seconds_total NaNish\n")]
    public void No_counter_reads_as_null(string text) =>
        Assert.Null(ServerMetrics.First(text, "dotnet_jit_compilation_time_seconds_total"));
}

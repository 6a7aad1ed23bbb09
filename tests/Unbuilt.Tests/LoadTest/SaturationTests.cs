using System.Globalization;
using Unbuilt.Cli;
using Unbuilt.LoadTest;

namespace Unbuilt.Tests.LoadTest;

/// The parts of a saturation run that need no server: the think time --closed allows, --only's deck and what it
/// judges, throughput per operation, and reading CPU time from /metrics and from /proc.
public sealed class SaturationTests
{
    private static readonly Uri Local = new("http://127.0.0.1:5000/");
    private const string Postgres = "target_info{service_name=\"unbuilt\",unbuilt_database_provider=\"postgres\",unbuilt_database_location=\"local\"} 1\n";

    [Theory]
    [InlineData(null, false, 200)]
    [InlineData(50, false, 50)]
    [InlineData(0, false, 0)]
    [InlineData(null, true, 0)]
    [InlineData(0, true, 0)]
    public void The_think_time_is_the_one_asked_for_and_none_when_closed(int? asked, bool closed, int expected) =>
        Assert.Equal(expected, LoadTestSettings.ThinkTime(asked, closed));

    [Fact]
    public void A_closed_run_refuses_a_think_time_and_says_which()
    {
        var error = Assert.Throws<LoadTestException>(() => LoadTestSettings.ThinkTime(200, closed: true));

        Assert.Contains("--think-ms 200", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plan_loaded", new[] { UserAction.LoadPlan })]
    [InlineData("task_updated", new[] { UserAction.EditTask, UserAction.ToggleTask })]
    [InlineData("export_generated", new[] { UserAction.Export })]
    public void Only_deals_the_actions_of_that_operation(string only, UserAction[] actions)
    {
        var mix = new OperationMix(new Random(1), LoadTestSettings.ParseOnly(only));

        var dealt = Enumerable.Range(0, 200).Select(_ => mix.Next()).Distinct().Order();

        Assert.Equal(actions, dealt);
    }

    [Fact]
    public void The_whole_mix_is_dealt_without_only()
    {
        var mix = new OperationMix(new Random(1));

        Assert.Equal(Enum.GetValues<UserAction>(), Enumerable.Range(0, 20).Select(_ => mix.Next()).Distinct().Order());
    }

    [Theory]
    [InlineData("live_update")]
    [InlineData("plan_load")]
    [InlineData("")]
    public void Only_refuses_what_a_user_does_not_do(string text)
    {
        var error = Assert.Throws<LoadTestException>(() => LoadTestSettings.ParseOnly(text));

        Assert.Contains("plan_loaded, task_updated, task_moved, tasks_reordered, export_generated", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto", DbCpuMode.Auto)]
    [InlineData("LOCAL", DbCpuMode.Local)]
    [InlineData(" off ", DbCpuMode.Off)]
    public void Db_cpu_takes_three_words(string text, DbCpuMode mode) => Assert.Equal(mode, LoadTestSettings.ParseDbCpu(text));

    [Theory]
    [InlineData("1")]
    [InlineData("remote")]
    public void Db_cpu_refuses_anything_else(string text) =>
        Assert.Throws<LoadTestException>(() => LoadTestSettings.ParseDbCpu(text));

    [Fact]
    public void Only_a_plan_load_judges_the_plan_load_alone_with_its_throughput()
    {
        var results = new RunResults(LoadTestCommand.Server.Percentile);
        for (var i = 0; i < 250; i++) results.Succeeded(RunResults.PlanLoaded, TimeSpan.FromMilliseconds(5));
        var settings = new LoadTestSettings(2, TimeSpan.FromSeconds(10), 30, 0, 0, Ceiling: false, null)
        {
            Closed = true,
            Only = RunResults.PlanLoaded,
        };

        var report = Verdict.Judge(settings, new Verdict.Measured("http://127.0.0.1:5000/", DateTime.UnixEpoch,
            TimeSpan.FromSeconds(10), false, 2, 0, null, new WarmUpFacts(0, "0 s", "none")), results);

        // No "live_update: no samples to judge": a plan load sends no live update, and nothing else was to be done.
        Assert.Equal(0, report.ExitCode);
        var only = Assert.Single(report.Operations);
        Assert.Equal((RunResults.PlanLoaded, 25.0), (only.Name, only.PerSecond));
        Assert.True(report.Run.Closed);
    }

    [Fact]
    public void Only_a_change_still_judges_its_live_delivery()
    {
        var settings = new LoadTestSettings(2, TimeSpan.FromSeconds(10), 30, 0, 0, Ceiling: false, null) { Only = RunResults.TaskMoved };
        var results = new RunResults(LoadTestCommand.Server.Percentile);
        results.Succeeded(RunResults.TaskMoved, TimeSpan.FromMilliseconds(5));

        var report = Verdict.Judge(settings, new Verdict.Measured("http://127.0.0.1:5000/", DateTime.UnixEpoch,
            TimeSpan.FromSeconds(10), false, 2, 0, null, new WarmUpFacts(0, "0 s", "none")), results);

        Assert.Equal([RunResults.TaskMoved, RunResults.LiveUpdate, RunResults.LiveAfterAnswer], report.Operations.Select(o => o.Name));
        Assert.Contains("live_update: no samples to judge", report.Misses);
    }

    [Theory]
    [InlineData(3.0, 1.2, 0.4, true)]     // a just-started server: 40 % of its CPU compiling
    [InlineData(3.0, 0.05, 0.017, false)] // a settled one: a method now and then
    [InlineData(0.3, 0.06, 0.2, false)]   // a settled one under a light load: a large share of little CPU, 0.2 % of a core
    [InlineData(26.4, 0.69, 0.026, false)] // a settled one under a closed load: 2.3 % of a core, but 2.6 % of its CPU
    [InlineData(26.4, 1.6, 0.061, true)]  // still compiling under a closed load: 5 % of a core, 6 % of its CPU
    [InlineData(3.0, null, null, false)]  // a server whose /metrics has no JIT counter
    [InlineData(null, 0.5, null, false)]  // the app's CPU unknown: no share to judge
    public void The_JITs_share_of_the_apps_CPU_says_whether_it_was_still_compiling(double? app, double? jit, double? share,
        bool stillCompiling)
    {
        var cpu = new CpuFacts(30, 10_000, app, app * 1000 / 10_000, "app", null, null, "database", jit);

        Assert.Equal((share, stillCompiling), (cpu.JitShare, cpu.JitStillCompiling));
        if (stillCompiling)
            Assert.StartsWith(string.Create(CultureInfo.InvariantCulture,
                $"The server's JIT was still compiling in the measured part ({share * 100:0.#}% of its CPU time)"), ResultTable.JitWarning(cpu));
    }

    [Fact]
    public void The_process_CPU_is_the_sum_of_its_modes()
    {
        const string text = "# TYPE dotnet_process_cpu_time_seconds_total counter\n" +
            "dotnet_process_cpu_time_seconds_total{otel_scope_name=\"System.Runtime\",cpu_mode=\"user\"} 4.25\n" +
            "dotnet_process_cpu_time_seconds_total{otel_scope_name=\"System.Runtime\",cpu_mode=\"system\"} 1.5\n" +
            "dotnet_process_cpu_count{otel_scope_name=\"System.Runtime\"} 2\n" + Postgres;

        Assert.Equal(5.75, ServerMetrics.Sum(text, ServerMetrics.CpuCounter));
        Assert.Null(ServerMetrics.Sum("dotnet_process_cpu_count 2\n", ServerMetrics.CpuCounter));
        Assert.Equal("local", ServerMetrics.Label(text, ServerMetrics.TargetInfo, ServerMetrics.DatabaseLocation));
        Assert.Null(ServerMetrics.Label(text, ServerMetrics.TargetInfo, "host"));
    }

    [Fact]
    public void Postgres_CPU_is_user_system_and_reaped_children_of_postgres_processes_only()
    {
        Assert.Equal(10 + 20 + 30 + 40,
            DatabaseCpu.Ticks("4242 (postgres) S 1 4242 4242 0 -1 4194560 500 0 0 0 10 20 30 40 20 0 1 0 100 200000 300 18446744073709551615"));
        Assert.Null(DatabaseCpu.Ticks("4243 (dotnet) S 1 4243 4243 0 -1 4194560 500 0 0 0 10 20 30 40 20 0 1 0 100 200000 300"));
        Assert.Null(DatabaseCpu.Ticks("4244 (postgres (x)) S 1 4244 4244 0 -1 4194560 500 0 0 0 10 20 30 40 20 0 1 0 100"));
        Assert.Null(DatabaseCpu.Ticks("4245 (postgres) S 1"));
    }

    [Fact]
    public void Postgres_CPU_is_summed_over_every_postgres_process_and_null_without_one()
    {
        var proc = Directory.CreateTempSubdirectory("proc-").FullName;
        try
        {
            Stat(proc, "100", "postgres", 150, 50);
            Stat(proc, "101", "postgres", 100, 0);
            Stat(proc, "102", "dotnet", 9999, 9999);
            Directory.CreateDirectory(Path.Combine(proc, "self"));

            Assert.Equal((3.0, 2), DatabaseCpu.Read(proc));
            Assert.Null(DatabaseCpu.Read(Path.Combine(proc, "self")));
            Assert.Null(DatabaseCpu.Read(Path.Combine(proc, "missing")));
        }
        finally
        {
            Directory.Delete(proc, recursive: true);
        }
    }

    [Fact]
    public void With_a_postmaster_named_only_it_and_its_children_count()
    {
        var proc = Directory.CreateTempSubdirectory("proc-").FullName;
        try
        {
            Stat(proc, "100", "postgres", 150, 50);
            Stat(proc, "101", "postgres", 100, 0, parent: 100);
            Stat(proc, "200", "postgres", 7000, 0);
            Stat(proc, "201", "postgres", 3000, 0, parent: 200);
            Stat(proc, "202", "dotnet", 9999, 0, parent: 100);

            Assert.Equal((3.0, 2), DatabaseCpu.Read(proc, postmaster: 100));
            Assert.Equal((100.0, 2), DatabaseCpu.Read(proc, postmaster: 200));
            Assert.Equal((103.0, 4), DatabaseCpu.Read(proc));
            Assert.Null(DatabaseCpu.Read(proc, postmaster: 999));
        }
        finally
        {
            Directory.Delete(proc, recursive: true);
        }
    }

    [Theory]
    [InlineData(0, "auto", "--db-pid must be a process id")]
    [InlineData(100, "off", "--db-pid names the cluster to measure")]
    public void A_db_pid_is_a_process_id_and_needs_measuring(int pid, string mode, string message)
    {
        var settings = new LoadTestSettings(1, TimeSpan.FromSeconds(5), 10, 0, 0, false, null)
        {
            DbPid = pid, DbCpu = LoadTestSettings.ParseDbCpu(mode),
        };

        Assert.StartsWith(message, Assert.Throws<LoadTestException>(settings.Validate).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DbCpuMode.Auto, "http://127.0.0.1:5000/", Postgres, true, null)]
    [InlineData(DbCpuMode.Auto, "http://localhost:5000/", Postgres, true, null)]
    [InlineData(DbCpuMode.Auto, "http://127.0.0.1:5000/", "target_info{unbuilt_database_provider=\"sqlite\",unbuilt_database_location=\"in_process\"} 1", true, "inside the app process (SQLite)")]
    [InlineData(DbCpuMode.Auto, "http://127.0.0.1:5000/", "target_info{unbuilt_database_provider=\"postgres\",unbuilt_database_location=\"remote\"} 1", true, "not measured (database not local)")]
    [InlineData(DbCpuMode.Auto, "http://app.example.com:5000/", Postgres, true, "not measured (the server, and so its database, is not on this machine")]
    [InlineData(DbCpuMode.Auto, "http://127.0.0.1:5000/", "", true, "not measured (the server's /metrics does not say where its database is")]
    [InlineData(DbCpuMode.Auto, "http://127.0.0.1:5000/", Postgres, false, "not measured (no postgres process visible")]
    [InlineData(DbCpuMode.Local, "http://app.example.com:5000/", "", true, null)]
    [InlineData(DbCpuMode.Off, "http://127.0.0.1:5000/", Postgres, true, "not measured (--db-cpu off)")]
    public void The_database_CPU_is_measured_only_where_it_is_the_servers(DbCpuMode mode, string server, string metrics,
        bool postgresVisible, string? why)
    {
        var answer = CpuWindow.WhyNoDatabaseCpu(mode, new Uri(server), metrics, postgresVisible);

        if (why is null) Assert.Null(answer);
        else Assert.StartsWith(why, answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_metrics_the_database_is_not_measured_in_auto()
    {
        Assert.NotNull(CpuWindow.WhyNoDatabaseCpu(DbCpuMode.Auto, Local, null, postgresVisible: true));
        Assert.Null(CpuWindow.WhyNoDatabaseCpu(DbCpuMode.Local, Local, null, postgresVisible: true));
    }

    private static void Stat(string proc, string pid, string name, long utime, long cutime, int parent = 1)
    {
        var folder = Directory.CreateDirectory(Path.Combine(proc, pid)).FullName;
        File.WriteAllText(Path.Combine(folder, "stat"),
            $"{pid} ({name}) S {parent} {pid} {pid} 0 -1 4194560 500 0 0 0 {utime} 0 {cutime} 0 20 0 1 0 100 200000 300\n");
    }
}

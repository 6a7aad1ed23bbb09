using System.Globalization;
using System.Security.Cryptography;

namespace Unbuilt.LoadTest;

/// What one `unbuilt loadtest` run does. RunId names its users (lt-{run}-{i}@loadtest.invalid) and operation ids.
public sealed record LoadTestSettings(int Load, TimeSpan Duration, int Tasks, int Listeners, int ThinkMs, bool Ceiling,
    string? ReportPath)
{
    public string RunId { get; init; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    /// --live-url: the nodes the WebSockets open on, in turn (none: the --url node). Writes always go to --url, so
    /// with another node here the live update latency measures delivery across nodes, through Redis.
    public IReadOnlyList<Uri> LiveUrls { get; init; } = [];

    /// --sla NAME=MS: the p95 SLA in force for an operation instead of the guide's (the exit status follows these).
    public IReadOnlyDictionary<string, double> Slas { get; init; } = new Dictionary<string, double>();

    /// --budgets: our own, tighter budgets (and "no failed request at all") decide the exit status too; without
    /// it they are printed beside the SLAs only.
    public bool EnforceBudgets { get; init; }

    /// --closed: a saturation run. Each virtual user sends its next request as soon as the last one answered (no
    /// think time, so ThinkMs is 0), and the table leads with each operation's throughput.
    public bool Closed { get; init; }

    /// --only NAME: the users do only this operation (see OperationMix.Measured); null, the whole mix.
    public string? Only { get; init; }

    /// --db-cpu: whether the run measures PostgreSQL's CPU per request from this machine's /proc (DatabaseCpu).
    public DbCpuMode DbCpu { get; init; } = DbCpuMode.Auto;

    /// --db-pid: PostgreSQL's CPU from this one cluster (its postmaster's PID, the first line of postmaster.pid in
    /// its data directory, and the postmaster's children) instead of every postgres process here: for a machine that
    /// runs other clusters. The operator says it is the server's, so it is measured whatever --db-cpu auto would say.
    public int? DbPid { get; init; }

    /// --warm-up: the same load, run before the measured part and not measured, so the server's JIT has compiled the
    /// hot paths and its pools have grown (a just-started server is slower for its first minute or so).
    public WarmUpPlan WarmUp { get; init; } = WarmUpPlan.Auto;

    /// How long the ceiling measurement (GET /favicon.svg flat out) lasts.
    public static TimeSpan CeilingLength { get; } = TimeSpan.FromSeconds(4);

    /// A live update that has not arrived this long after its request was sent counts as lost.
    public static TimeSpan LiveUpdateTimeout { get; } = TimeSpan.FromSeconds(5);

    public void Validate()
    {
        if (Load is < 1 or > 1000) throw new LoadTestException("--load must be 1 to 1000 virtual users.");
        if (Duration < TimeSpan.FromSeconds(1) || Duration > TimeSpan.FromHours(1)) throw new LoadTestException("--duration must be 1s to 60m.");
        if (Tasks is < 1 or > 1000) throw new LoadTestException("--tasks must be 1 to 1000.");
        if (Listeners is < 0 or > 10_000) throw new LoadTestException("--listeners must be 0 to 10000.");
        if (ThinkMs is < 0 or > 60_000) throw new LoadTestException("--think-ms must be 0 to 60000.");
        if (DbPid is < 1) throw new LoadTestException("--db-pid must be a process id (the first line of the cluster's postmaster.pid).");
        if (DbPid is not null && DbCpu == DbCpuMode.Off) throw new LoadTestException("--db-pid names the cluster to measure; leave out --db-cpu off.");
    }

    /// The mean think time: --think-ms, else 200 ms; 0 with --closed, which refuses any other --think-ms (a
    /// saturation run has no pause to set, and a pause would make it an open run with fewer users).
    public static int ThinkTime(int? thinkMs, bool closed) => (thinkMs, closed) switch
    {
        (null, false) => DefaultThinkMs,
        (null or 0, true) => 0,
        (_, true) => throw new LoadTestException(
            $"--closed runs the users back to back with no think time; leave out --think-ms {thinkMs} (or leave out --closed for an open run with pauses)."),
        ({ } ms, false) => ms,
    };

    public const int DefaultThinkMs = 200;

    /// --only: one of the operations a virtual user performs (plan_loaded, task_updated, …), or null for the mix.
    public static string? ParseOnly(string? text)
    {
        if (text is null) return null;
        var name = text.Trim();
        return OperationMix.Operations.Contains(name, StringComparer.Ordinal) ? name
            : throw new LoadTestException($"--only '{text}' is not one of {string.Join(", ", OperationMix.Operations)}.");
    }

    /// --db-cpu: auto, local or off.
    public static DbCpuMode ParseDbCpu(string text) =>
        Enum.TryParse<DbCpuMode>(text.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !int.TryParse(text, out _)
            ? mode
            : throw new LoadTestException($"--db-cpu '{text}' is not auto, local or off.");

    /// Each --sla value is NAME=MS, e.g. task_updated=100; a name given twice keeps the last.
    public static IReadOnlyDictionary<string, double> ParseSlas(IEnumerable<string> values)
    {
        var known = Target.WithSla.ToList();
        var slas = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var text in values)
        {
            var parts = text.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !known.Contains(parts[0]))
                throw new LoadTestException($"--sla '{text}' is not NAME=MS with NAME one of {string.Join(", ", known)} (e.g. task_updated=100).");
            if (!double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ms)
                || !double.IsFinite(ms) || ms is <= 0 or > 600_000)
                throw new LoadTestException($"--sla '{text}': the p95 must be a number of milliseconds above 0 and at most 600000.");
            slas[parts[0]] = ms;
        }
        return slas;
    }

    /// Each --live-url value is one URL or a comma-separated list of them.
    public static IReadOnlyList<Uri> ParseLiveUrls(IEnumerable<string> values)
    {
        var urls = new List<Uri>();
        foreach (var text in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)))
        {
            if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var url) ||
                url.Scheme is not ("http" or "https") || url.Query.Length > 0)
                throw new LoadTestException($"--live-url '{text}' is not a server URL; write e.g. http://node-b:5000 (several: repeat it or separate with commas).");
            urls.Add(url);
        }
        return urls;
    }

    /// "30s", "2m", "90" (seconds) or "1m30s".
    public static TimeSpan ParseDuration(string text) => ParseDuration(text, "--duration");

    public static TimeSpan ParseDuration(string text, string option)
    {
        var rest = text.Trim().ToLowerInvariant();
        if (int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var plain)) return TimeSpan.FromSeconds(plain);
        var total = TimeSpan.Zero;
        if (rest.Length == 0) throw new LoadTestException($"{option} is empty; write e.g. 30s, 2m or 1m30s.");
        while (rest.Length > 0)
        {
            var digits = rest.TakeWhile(char.IsAsciiDigit).Count();
            if (digits == 0 || digits == rest.Length || rest[digits] is not ('s' or 'm') ||
                !int.TryParse(rest[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 100_000)
                throw new LoadTestException($"{option} '{text}' is not a duration; write e.g. 30s, 2m or 1m30s.");
            total += rest[digits] == 'm' ? TimeSpan.FromMinutes(number) : TimeSpan.FromSeconds(number);
            rest = rest[(digits + 1)..];
        }
        return total;
    }
}

/// --db-cpu. Auto: measured when the server's /metrics says its database is PostgreSQL on its own machine and --url
/// is this machine. Local: measured whenever a postgres process is visible here (the operator says it is the
/// server's). Off: not measured.
public enum DbCpuMode { Auto, Local, Off }

using System.CommandLine;
using Unbuilt.Accounts;
using Unbuilt.LoadTest;
using Unbuilt.Monitoring;
using Unbuilt.Plans.Access;
using Unbuilt.Plans.Changes;
using Unbuilt.Realtime;

namespace Unbuilt.Cli;

/// `unbuilt loadtest --load N --duration D`: the guide's load test, against a running server over HTTP and WebSockets.
public static class LoadTestCommand
{
    /// The load test is a client of the server and cannot reference it (the server's CLI references the load test),
    /// so the server's names are handed to it here, taken from the server's own code: a renamed header, flag or hub
    /// method changes what the load test sends too, and nothing is written down twice.
    public static ServerContract Server { get; } = new()
    {
        Feature = PlanFeature.Name,
        HubPath = PlansHub.Path,
        JoinPlan = nameof(PlansHub.JoinPlan),
        PlanEvent = HubMethods.PlanEvent,
        CsrfCookie = CsrfProtection.CookieName,
        CsrfHeader = CsrfProtection.HeaderName,
        OperationHeader = PlanChangeEndpoints.OperationHeader,
        Percentile = Percentiles.Continuous,
    };

    public static Command Create()
    {
        var load = new Option<int>("--load") { Description = "Virtual users: each signs in, builds a plan and works on it", Required = true };
        var duration = new Option<string>("--duration") { Description = "How long the measured run lasts: 30s, 2m, 1m30s", Required = true };
        var report = new Option<string?>("--report") { Description = "Also write the results as JSON to this file" };
        var url = new Option<string?>("--url") { Description = $"The server (default UNBUILT_URL or {AdminApiClient.DefaultUrl})" };
        var token = new Option<string?>("--token") { Description = "An admin API token (default UNBUILT_TOKEN or ./data/admin.token)" };
        var liveUrl = new Option<string[]>("--live-url")
        {
            Description = "Open the WebSockets (users' and --listeners) on this node instead of --url, which still takes " +
                "every write: live_update then measures delivery across nodes through Redis. Repeat it or give a comma " +
                "list to spread the sockets over several nodes",
        };
        var tasks = new Option<int>("--tasks") { Description = "Tasks per plan", DefaultValueFactory = _ => 120 };
        var listeners = new Option<int>("--listeners") { Description = "Extra passive WebSockets, spread evenly over the users' plans" };
        var think = new Option<int?>("--think-ms") { Description = $"Mean pause between a user's actions (±50%); default {LoadTestSettings.DefaultThinkMs}" };
        var closed = new Option<bool>("--closed")
        {
            Description = "Saturation run: each user sends its next request as soon as the last one answered (no think " +
                "time; --think-ms is refused), and the table leads with throughput per operation",
        };
        var only = new Option<string?>("--only")
        {
            Description = "The users do only this operation instead of the mix: " + string.Join(", ", OperationMix.Operations),
        };
        var dbCpu = new Option<string>("--db-cpu")
        {
            Description = "PostgreSQL's CPU per request from this machine's /proc: auto (when the server's /metrics says " +
                "its database is local and --url is this machine), local (always: every postgres process here), off",
            DefaultValueFactory = _ => "auto",
        };
        var dbPid = new Option<int?>("--db-pid")
        {
            Description = "Measure one PostgreSQL cluster only: its postmaster's PID (the first line of postmaster.pid in " +
                "its data directory) and the postmaster's children, when other clusters share this machine",
        };
        var warmUp = new Option<string>("--warm-up")
        {
            Description = "Run the same load first, unmeasured, so a just-started server's JIT is done: auto (until the JIT " +
                "on the server's /metrics settles: 15 s to 3 min), or a fixed 45s, 2m, 0 for none",
            DefaultValueFactory = _ => "auto",
        };
        var noCeiling = new Option<bool>("--no-ceiling") { Description = "Skip measuring the HTTP ceiling (GET /favicon.svg flat out)" };
        var sla = new Option<string[]>("--sla")
        {
            Description = "The p95 SLA in force for an operation, NAME=MS (repeatable), instead of the guide's: " +
                string.Join(", ", Target.WithSla.Select(o => $"{o}={Target.For(o).GuideP95Ms}")),
        };
        var budgets = new Option<bool>("--budgets")
        {
            Description = "Also fail the run on our internal budgets (p95 per operation, no failed request at all); " +
                "without it they are printed beside the SLAs only",
        };
        var command = new Command("loadtest",
            "Load test a running server: users sign in, load, edit, complete, move, reorder and export plans while " +
            "listening on WebSockets (--closed: back to back, for saturation); throughput and p50/p95/p99 per operation " +
            "against the SLAs in force (and our budgets, printed), and the app's and the database's CPU per request. " +
            "Exit 0: every SLA met; 1: a latency SLA missed (with --budgets: or a budget), or setup failed; 2: the error " +
            "rate SLA missed (with --budgets: any request failed), live updates were lost or the flag was switched off " +
            "during the run (it says by whom and why); 130: interrupted")
        {
            load, duration, report, url, token, liveUrl, tasks, listeners, think, closed, only, dbCpu, dbPid, warmUp, noCeiling, sla, budgets,
        };
        command.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            try
            {
                var isClosed = parse.GetValue(closed);
                var settings = new LoadTestSettings(parse.GetValue(load), LoadTestSettings.ParseDuration(parse.GetValue(duration)!),
                    parse.GetValue(tasks), parse.GetValue(listeners), LoadTestSettings.ThinkTime(parse.GetValue(think), isClosed),
                    !parse.GetValue(noCeiling), parse.GetValue(report))
                {
                    Closed = isClosed,
                    Only = LoadTestSettings.ParseOnly(parse.GetValue(only)),
                    DbCpu = LoadTestSettings.ParseDbCpu(parse.GetValue(dbCpu)!),
                    DbPid = parse.GetValue(dbPid),
                    LiveUrls = LoadTestSettings.ParseLiveUrls(parse.GetValue(liveUrl) ?? []),
                    WarmUp = WarmUpPlan.Parse(parse.GetValue(warmUp)!),
                    Slas = LoadTestSettings.ParseSlas(parse.GetValue(sla) ?? []),
                    EnforceBudgets = parse.GetValue(budgets),
                };
                settings.Validate();
                using var admin = new LoadTestAdmin(AdminApiClient.Create(parse.GetValue(url), parse.GetValue(token)));
                return await new LoadTestRun(settings, Server, admin, message => CliOutput.Fail(message)).RunAsync(ct);
            }
            catch (LoadTestException e)
            {
                return CliOutput.Fail(e.Message); // as Guard tells the CLI's own CliException
            }
        }));
        return command;
    }
}

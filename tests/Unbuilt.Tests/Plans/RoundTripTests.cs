using System.Collections.Concurrent;
using System.Data.Common;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Data;
using Unbuilt.Plans.Changes;

namespace Unbuilt.Tests.Plans;

/// How many SQL commands and commits each plan change sends: the round trips a change costs, whatever the database.
/// A refactor of the change path must not add one. Each budget is what the change needs: its first query (plan, role, counts,
/// the task and its prerequisites), the reads its handler makes, and one flush (two with an Idempotency-Key).
public sealed class RoundTripTests(RoundTripTests.CountingServer server) : PlanTest<RoundTripTests.CountingServer>(server)
{
    [Fact]
    public async Task Each_change_sends_no_more_commands_than_its_budget()
    {
        var client = await UserAsync("counted@example.com");
        var plan = await CreatePlanAsync(client);
        var planId = Id(plan);
        var tasks = Tasks(plan);
        var (first, second, third) = (Id(tasks[0]), Id(tasks[1]), Id(tasks[2]));
        var phaseId = Phases(plan)[0].GetProperty("id").GetInt32();
        var nextPhaseId = Phases(plan)[1].GetProperty("id").GetInt32();

        var counts = new Dictionary<string, int>
        {
            ["task update"] = await CountAsync(client, HttpMethod.Patch, $"/api/tasks/{first}", new { title = "Counted" }),
            ["task update, Idempotency-Key"] = await CountAsync(client, HttpMethod.Patch, $"/api/tasks/{first}",
                new { status = "inProgress" }, idempotencyKey: "count-1"),
            ["task create"] = await CountAsync(client, HttpMethod.Post, $"/api/plans/{planId}/tasks", new { title = "New", phaseId }),
            ["task move"] = await CountAsync(client, HttpMethod.Post, $"/api/tasks/{first}/move", new { afterTaskId = second }),
            ["dependency add"] = await CountAsync(client, HttpMethod.Post, $"/api/tasks/{third}/dependencies",
                new { prerequisiteTaskId = second }),
            ["task delete"] = await CountAsync(client, HttpMethod.Delete, $"/api/tasks/{third}", null),
            ["undo"] = await CountAsync(client, HttpMethod.Post, $"/api/plans/{planId}/undo", null),
            ["phase create"] = await CountAsync(client, HttpMethod.Post, $"/api/plans/{planId}/phases", new { name = "Counted" }),
            ["phase update"] = await CountAsync(client, HttpMethod.Patch, $"/api/phases/{phaseId}", new { name = "Counted" }),
            ["phase move"] = await CountAsync(client, HttpMethod.Post, $"/api/phases/{phaseId}/move", new { afterPhaseId = nextPhaseId }),
            ["phase delete"] = await CountAsync(client, HttpMethod.Delete, $"/api/phases/{phaseId}?moveTasksTo={nextPhaseId}", null),
            ["phase undo"] = await CountAsync(client, HttpMethod.Post, $"/api/plans/{planId}/undo", null),
        };

        var report = string.Join(", ", counts.Select(c => $"{c.Key}: {c.Value}"));
        var budgets = Server.Database.Provider == DatabaseProvider.Postgres ? PostgresBudgets : SqliteBudgets;
        foreach (var (change, budget) in budgets) Assert.True(counts[change] <= budget, $"{change} over {budget}; {report}");
    }

    /// Commands and commits, measured on the build that took the change path out of HTTP (the build before it sent as
    /// many, one more for a task create and an undo), then with commits counted. PostgreSQL sends a change's writes as
    /// one batch, then its COMMIT; SQLite's batches are smaller. The phase changes were measured when they were added:
    /// a phase delete moves the phase's tasks (6 here, one UPDATE each on SQLite), and its undo restores the phase and
    /// moves each task back, one flush per history row.
    private static readonly Dictionary<string, int> PostgresBudgets = new()
    {
        ["task update"] = 4, ["task update, Idempotency-Key"] = 6, ["task create"] = 6, ["task move"] = 5,
        ["dependency add"] = 8, ["task delete"] = 5, ["undo"] = 14,
        ["phase create"] = 7, ["phase update"] = 5, ["phase move"] = 6, ["phase delete"] = 8, ["phase undo"] = 24,
    };

    private static readonly Dictionary<string, int> SqliteBudgets = new()
    {
        ["task update"] = 7, ["task update, Idempotency-Key"] = 9, ["task create"] = 10, ["task move"] = 8,
        ["dependency add"] = 11, ["task delete"] = 11, ["undo"] = 20,
        ["phase create"] = 10, ["phase update"] = 8, ["phase move"] = 9, ["phase delete"] = 25, ["phase undo"] = 34,
    };

    private async Task<int> CountAsync(HttpClient client, HttpMethod method, string path, object? body, string? idempotencyKey = null)
    {
        var tag = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        request.Headers.Add(CommandCounter.Header, tag);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        var writer = Server.Services.GetRequiredService<PlanRowWriter>();
        var written = writer.Commands;
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        // PlanRowWriter's commands do not pass EF's interceptors; its own count adds them (one request at a time here).
        return Server.Services.GetRequiredService<CommandCounter>().Count(tag) + (int)(writer.Commands - written);
    }

    /// The app with a command counter: every SQL command sent while serving a request that carries the header is
    /// counted under the header's value.
    public sealed class CountingServer : UnbuiltServer
    {
        protected override void ConfigureServices(IServiceCollection services)
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<CommandCounter>();
            services.ConfigureDbContext<UnbuiltDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<CommandCounter>()));
        }
    }

    /// Counts commands, and commits as well: each COMMIT is a round trip of its own.
    public sealed class CommandCounter(IHttpContextAccessor http) : DbCommandInterceptor, IDbTransactionInterceptor
    {
        public const string Header = "X-Test-Count-Commands";
        private readonly ConcurrentDictionary<string, int> counts = new();

        public int Count(string tag) => counts.GetValueOrDefault(tag);

        private void Sent()
        {
            if (http.HttpContext?.Request.Headers[Header].ToString() is { Length: > 0 } tag) counts.AddOrUpdate(tag, 1, (_, n) => n + 1);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Sent();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Sent();
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Sent();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Sent();
            return ValueTask.FromResult(result);
        }
    }
}

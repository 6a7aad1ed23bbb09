using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Unbuilt.Accounts;
using Unbuilt.Cli;
using Unbuilt.Data.Accounts;
using Unbuilt.Hosting;
using Unbuilt.Testing;

namespace Unbuilt.Benchmarks;

/// The plan operations with performance budgets, end to end over HTTP against the real app on a loopback Kestrel port:
/// load a plan of 120 tasks, update a task, move a task, export a plan of 500 tasks. On SQLite, or on PostgreSQL when
/// UNBUILT_BENCH_POSTGRES names a server (a role that may create databases).
[InProcess]
[MemoryDiagnoser(false)]
public class PlanApiBenchmarks
{
    private WebApplication app = null!;
    private TestDatabase database = null!;
    private HttpClient client = null!;
    private int planId, exportPlanId, taskId, moveTaskId, phaseA, phaseB, counter;

    /// One database a run: the benchmarks run in process, and the app is built for one database a process (a second
    /// provider started in the same process failed its setup with a 500 creating its first flag).
    public static IEnumerable<string> Providers => Environment.GetEnvironmentVariable("UNBUILT_BENCH_POSTGRES") is { Length: > 0 }
        ? ["Postgres"] : ["Sqlite"];

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "Sqlite";

    [GlobalSetup]
    public async Task StartAsync()
    {
        Environment.SetEnvironmentVariable("UNBUILT_TEST_PROVIDER", Provider.ToLowerInvariant());
        if (Provider == "Postgres")
            Environment.SetEnvironmentVariable("UNBUILT_TEST_POSTGRES", Environment.GetEnvironmentVariable("UNBUILT_BENCH_POSTGRES"));
        database = await TestDatabase.CreateAsync();
        app = UnbuiltWebApp.Build(
        [
            "--urls=http://127.0.0.1:0", $"--Database:Provider={database.Provider}",
            $"--ConnectionStrings:Default={database.ConnectionString}", $"--Unbuilt:DataDirectory={database.DataDirectory}",
            "--Unbuilt:RateLimits:ApiPerMinute=10000000",
        ], builder => builder.Logging.ClearProviders());
        await ServeCommand.PrepareAsync(app, migrate: true, demo: false, TextWriter.Null, CancellationToken.None);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync());
        await Ok(client.PostAsJsonAsync("/api/feature-flags", new { name = "action_plan_customization", enabled = true, rolloutPercentage = 100 }));
        var plan = await PlanWithTasksAsync("invoicing for freelancers", 120);
        planId = plan.GetProperty("id").GetInt32();
        var phases = plan.GetProperty("phases");
        (phaseA, phaseB) = (phases[0].GetProperty("id").GetInt32(), phases[1].GetProperty("id").GetInt32());
        taskId = phases[0].GetProperty("tasks")[0].GetProperty("id").GetInt32();
        moveTaskId = phases[0].GetProperty("tasks")[1].GetProperty("id").GetInt32();
        exportPlanId = (await PlanWithTasksAsync("solar for farms", 500)).GetProperty("id").GetInt32();
    }

    [GlobalCleanup]
    public async Task StopAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await database.DisposeAsync();
    }

    [Benchmark(Description = "plan load (120 tasks)")]
    public Task<string> LoadPlan() => client.GetStringAsync($"/api/plans/{planId}");

    [Benchmark(Description = "task update")]
    public Task UpdateTask() => Ok(client.PatchAsJsonAsync($"/api/tasks/{taskId}", new { title = $"Updated {counter++}" }));

    [Benchmark(Description = "task move (across phases)")]
    public Task MoveTask() =>
        Ok(client.PostAsJsonAsync($"/api/tasks/{moveTaskId}/move", new { phaseId = counter++ % 2 == 0 ? phaseB : phaseA, afterTaskId = (int?)null }));

    [Benchmark(Description = "export CSV (500 tasks)")]
    public Task<byte[]> Export() => client.GetByteArrayAsync($"/api/plans/{exportPlanId}/export?format=csv");

    private async Task<string> TokenAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        var user = await accounts.CreateAsync("bench@example.com", "benchmark password", Tier.Enterprise, Role.Admin, null, emailTrusted: true, default);
        return (await scope.ServiceProvider.GetRequiredService<ApiTokenIssuer>().IssueAsync(user.Id, "bench", null, default)).Secret;
    }

    private async Task<JsonElement> PlanWithTasksAsync(string query, int tasks)
    {
        var search = await Ok(client.PostAsJsonAsync("/api/search", new { query }));
        var plan = await Ok(client.PostAsJsonAsync("/api/plans", new { searchResultId = search.GetProperty("results")[0].GetProperty("id").GetInt32() }));
        var id = plan.GetProperty("id").GetInt32();
        var phases = plan.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToList();
        var count = plan.GetProperty("phases").EnumerateArray().Sum(p => p.GetProperty("tasks").GetArrayLength());
        for (var i = count; i < tasks; i++)
            await Ok(client.PostAsJsonAsync($"/api/plans/{id}/tasks", new { phaseId = phases[i % phases.Count], title = $"Task {i}" }));
        return await Ok(client.GetAsync($"/api/plans/{id}"));
    }

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}

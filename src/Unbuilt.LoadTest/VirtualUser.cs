using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Unbuilt.LoadTest;

/// One simulated person on their plan: an action from the mix, a think time around --think-ms, again, until the
/// deadline; with a think time of 0 (--closed) the next action goes as soon as the last one answered. Every change
/// carries a fresh X-Operation-Id, so its PlanEvent can be recognised on the WebSocket.
/// <param name="only">--only: the one operation this user performs; null, the whole mix.</param>
public sealed class VirtualUser(BrowserSession session, PlanShape plan, RunResults results, LiveLatency latency, int thinkMs, int seed,
    string? only = null)
{
    private readonly Random random = new(seed);
    private readonly OperationMix mix = new(new Random(seed), only);
    private int edits;

    public async Task RunAsync(RunDeadline deadline, CancellationToken stop)
    {
        try
        {
            while (Stopwatch.GetTimestamp() < deadline.Timestamp)
            {
                await PerformAsync(mix.Next(), stop);
                if (thinkMs == 0) continue;
                var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline.Timestamp);
                if (left <= TimeSpan.Zero) break;
                var think = TimeSpan.FromMilliseconds(thinkMs * (0.5 + random.NextDouble()));
                await Task.Delay(think < left ? think : left, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C: stop where we are; what was measured so far stands.
        }
    }

    private Task PerformAsync(UserAction action, CancellationToken ct) => action switch
    {
        UserAction.LoadPlan => LoadPlanAsync(ct),
        UserAction.EditTask => EditTaskAsync(ct),
        UserAction.ToggleTask => ToggleTaskAsync(ct),
        UserAction.MoveTask => MoveTaskAsync(ct),
        UserAction.ReorderPhase => ReorderPhaseAsync(ct),
        _ => Request(RunResults.ExportGenerated, HttpMethod.Get, $"api/plans/{plan.PlanId}/export?format=csv", "GET export?format=csv",
            null, a => a.MediaType == "text/csv" && a.Body.Length > 0 ? null : $"not a CSV ({a.MediaType}, {a.Body.Length} bytes)", ct),
    };

    private Task LoadPlanAsync(CancellationToken ct) =>
        Request(RunResults.PlanLoaded, HttpMethod.Get, $"api/plans/{plan.PlanId}", "GET api/plans/{id}", null,
            a => plan.Difference(PlanShape.From(a.Body)), ct);

    private Task EditTaskAsync(CancellationToken ct)
    {
        var n = ++edits;
        object body = n % 2 == 0
            ? new { title = string.Create(CultureInfo.InvariantCulture, $"Edited by the load test ({n})") }
            : new { description = string.Create(CultureInfo.InvariantCulture, $"Notes from the load test, edit {n}.") };
        return Request(RunResults.TaskUpdated, HttpMethod.Patch, $"api/tasks/{plan.RandomTask(random)}", "PATCH api/tasks/{id}", body, null, ct);
    }

    private async Task ToggleTaskAsync(CancellationToken ct)
    {
        var task = plan.RandomTask(random);
        var done = !plan.IsCompleted(task);
        if (await Request(RunResults.TaskUpdated, HttpMethod.Patch, $"api/tasks/{task}", "PATCH api/tasks/{id} status",
                new { status = done ? "completed" : "notStarted" }, null, ct))
            plan.SetCompleted(task, done);
    }

    private async Task MoveTaskAsync(CancellationToken ct)
    {
        var task = plan.RandomTask(random);
        var phases = plan.PhaseIds;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var phaseId = phases[random.Next(phases.Count)];
            var others = plan.TasksOf(phaseId).Where(t => t != task).ToList();
            int? after = others.Count == 0 || random.Next(5) == 0 ? null : others[random.Next(others.Count)];
            if (plan.IsAt(task, phaseId, after)) continue; // a move to where it is changes nothing and sends no event
            if (await Request(RunResults.TaskMoved, HttpMethod.Post, $"api/tasks/{task}/move", "POST api/tasks/{id}/move",
                    new { phaseId, afterTaskId = after }, null, ct))
                plan.Move(task, phaseId, after);
            return;
        }
        await LoadPlanAsync(ct);
    }

    private async Task ReorderPhaseAsync(CancellationToken ct)
    {
        var candidates = plan.PhaseIds.Where(p => plan.TasksOf(p).Count > 1).ToList();
        if (candidates.Count == 0)
        {
            await LoadPlanAsync(ct);
            return;
        }
        var phaseId = candidates[random.Next(candidates.Count)];
        var current = plan.TasksOf(phaseId);
        var order = current.ToArray();
        while (order.SequenceEqual(current)) random.Shuffle(order); // the same order would change nothing
        if (await Request(RunResults.TasksReordered, HttpMethod.Post, $"api/plans/{plan.PlanId}/tasks/reorder",
                "POST api/plans/{id}/tasks/reorder", new { phaseId, taskIds = order }, null, ct))
            plan.Reorder(phaseId, order);
    }

    /// Sends, times and records one request; a change also expects its live update. True when it succeeded.
    private async Task<bool> Request(string operation, HttpMethod method, string path, string shape, object? body,
        Func<Answer, string?>? unexpected, CancellationToken ct)
    {
        var operationId = method == HttpMethod.Get ? null : "lt-" + Guid.NewGuid().ToString("N");
        if (operationId is not null) latency.Expect(operationId);
        string? problem;
        Answer? answer = null;
        try
        {
            answer = await session.SendAsync(method, path, body, operationId, ct);
            problem = !answer.IsSuccess ? answer.Describe(shape)
                : unexpected?.Invoke(answer) is { } odd ? $"{shape} → {answer.Status} but {odd}" : null;
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or TimeoutException
                                      or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            problem = $"{shape} → {(e is TimeoutException ? "no answer within the timeout" : e.Message)}";
        }
        catch (OperationCanceledException)
        {
            if (operationId is not null) latency.Forget(operationId);
            throw;
        }
        if (problem is null)
        {
            if (operationId is not null) latency.Committed(operationId);
            results.Succeeded(operation, answer!.Elapsed);
            return true;
        }
        if (operationId is not null) latency.Forget(operationId);
        results.Failed(operation, problem);
        return false;
    }
}

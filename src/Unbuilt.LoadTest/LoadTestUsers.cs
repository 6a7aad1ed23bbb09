using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Unbuilt.LoadTest;

/// The admin side of a run, over the admin API: the flag must already be on; the run's users are created (pro tier,
/// named lt-{run}-{i}@loadtest.invalid) and let in as beta users, and taken out of the beta list at the end. Rollout
/// state (enabled, percentage, tiers) is never touched.
public sealed class LoadTestUsers(IAdminApi admin, LoadTestSettings settings, ServerContract server)
{
    /// The feature flag the plan endpoints and the hub are gated by.
    public string Flag { get; } = server.Feature;

    private const int Parallelism = 4;
    private readonly ConcurrentBag<int> beta = [];

    public string Password { get; } = "lt-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public string EmailOf(int index) => string.Create(CultureInfo.InvariantCulture, $"lt-{settings.RunId}-{index}@loadtest.invalid");

    public async Task EnsureFlagIsOnAsync(CancellationToken ct)
    {
        var flags = await admin.GetAsync("api/feature-flags", ct);
        var flag = flags.EnumerateArray().FirstOrDefault(f => f.GetProperty("name").GetString() == Flag);
        if (flag.ValueKind == JsonValueKind.Undefined)
            throw new LoadTestException($"{admin.BaseAddress} has no feature flag {Flag}: run `unbuilt flags init` and " +
                "`unbuilt flags deploy internal` first (the load test never changes rollout state).");
        if (!flag.GetProperty("enabled").GetBoolean())
            throw new LoadTestException($"{Flag} is switched off on {admin.BaseAddress}, so beta users would not see it: run " +
                "`unbuilt flags deploy internal` first (the load test never changes rollout state).");
    }

    /// Says who switched the flag off, and why, when it is off now (the rollout guard, say, during the run): from then
    /// on every request got the gate's 404. Null while it is on, or when the server cannot say.
    public async Task<string?> SwitchedOffAsync(CancellationToken ct)
    {
        try
        {
            if ((await admin.GetAsync($"api/feature-flags/{Flag}", ct)).GetProperty("enabled").GetBoolean()) return null;
            var history = await admin.GetAsync($"api/feature-flags/{Flag}/history", ct); // newest first
            var off = history.EnumerateArray().FirstOrDefault(c => c.TryGetProperty("after", out var after)
                && after.TryGetProperty("enabled", out var enabled) && !enabled.GetBoolean());
            if (off.ValueKind != JsonValueKind.Object) return $"{Flag} was switched off during the run; see `unbuilt flags history`";
            var why = off.GetProperty("reason").GetString() is { Length: > 0 } reason ? $" ({reason})" : "";
            return $"{Flag} was switched off during the run by {off.GetProperty("actor").GetString()}{why}";
        }
        catch (Exception e) when (e is LoadTestException or HttpRequestException or KeyNotFoundException or InvalidOperationException
                                      or TaskCanceledException)
        {
            return null; // the run's own numbers still stand
        }
    }

    /// Creates the run's users; returns their ids by index.
    public async Task<int[]> CreateAsync(Action<int> created, CancellationToken ct)
    {
        var ids = new int[settings.Load];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.Load), Options(ct), async (i, token) =>
        {
            var user = await admin.PostAsync("api/admin/users", new
            {
                email = EmailOf(i), password = Password, tier = "pro",
                displayName = string.Create(CultureInfo.InvariantCulture, $"Load test {settings.RunId} #{i}"),
            }, token);
            ids[i] = user.GetProperty("id").GetInt32();
            created(Interlocked.Increment(ref done));
        });
        return ids;
    }

    public Task AddBetaAsync(IEnumerable<int> userIds, CancellationToken ct) =>
        Parallel.ForEachAsync(userIds, Options(ct), async (id, token) =>
        {
            await admin.PostAsync($"api/feature-flags/{Flag}/users", new { userId = id, reason = $"loadtest {settings.RunId}" }, token);
            beta.Add(id);
        });

    /// Takes out every user this run let in; users stay (they are clearly named). Returns how many could not be.
    public async Task<int> RemoveBetaAsync(CancellationToken ct)
    {
        var failures = 0;
        await Parallel.ForEachAsync(beta, Options(ct), async (id, token) =>
        {
            try
            {
                await admin.DeleteAsync($"api/feature-flags/{Flag}/users/{id}?reason=loadtest%20{settings.RunId}%20done", token);
            }
            catch (Exception e) when (e is LoadTestException or HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref failures);
            }
        });
        beta.Clear();
        return failures;
    }

    private static ParallelOptions Options(CancellationToken ct) => new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct };
}

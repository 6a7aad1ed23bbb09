using System.Diagnostics;

namespace Unbuilt.LoadTest;

/// The machine's HTTP ceiling for this client: the same sessions (HttpClient, one connection pool per loop) asking
/// GET /favicon.svg as fast as they can, with as many loops as there are virtual users. The run's requests/s
/// divided by this says how close the load test came to what the machine can serve at all.
public static class HttpCeiling
{
    public static async Task<CeilingFacts> MeasureAsync(Uri address, ServerContract server, int loops, TimeSpan length,
        CancellationToken ct)
    {
        long answered = 0, failed = 0;
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(length.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, loops).Select(async _ =>
        {
            using var session = new BrowserSession(address, server);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                try
                {
                    var answer = await session.SendAsync(HttpMethod.Get, "favicon.svg", null, null, ct);
                    if (answer.IsSuccess) Interlocked.Increment(ref answered);
                    else Interlocked.Increment(ref failed);
                }
                catch (Exception e) when (e is HttpRequestException or TimeoutException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (answered == 0)
            throw new LoadTestException($"GET {address}favicon.svg never answered 2xx ({failed} failures); --no-ceiling skips the ceiling.");
        return new CeilingFacts(Math.Round(answered / seconds, 1), loops, Math.Round(seconds, 2), Ratio: 0);
    }
}

using System.Globalization;

namespace Unbuilt.LoadTest;

/// What a run reads from a server's Prometheus text (`/metrics`): the JIT's time (WarmUp, CpuWindow), the process's CPU
/// time and where its database runs (CpuWindow). Each reading is null when the server does not answer with it: /metrics
/// turned off, moved to a management port, or hidden by a proxy.
public static class ServerMetrics
{
    /// The runtime's own counter (System.Runtime's dotnet.process.cpu.time), one sample per cpu_mode (user, system).
    public const string CpuCounter = "dotnet_process_cpu_time_seconds_total";

    /// The runtime's seconds spent compiling methods (System.Runtime's dotnet.jit.compilation.time): what an auto
    /// warm-up waits to settle, and what the measured part reports as the JIT's share of the app's CPU.
    public const string JitCounter = "dotnet_jit_compilation_time_seconds_total";

    /// The server's telemetry resource, one sample: labels unbuilt_database_provider (sqlite, postgres) and
    /// unbuilt_database_location (in_process, local, remote) among the service's.
    public const string TargetInfo = "target_info";
    public const string DatabaseProvider = "unbuilt_database_provider";
    public const string DatabaseLocation = "unbuilt_database_location";

    /// The node's /metrics text, or null when it does not answer with one.
    public static async Task<string?> ReadAsync(HttpClient http, Uri node, CancellationToken ct)
    {
        try
        {
            using var answer = await http.GetAsync(new Uri(node, "metrics"), ct);
            return answer.IsSuccessStatusCode ? await answer.Content.ReadAsStringAsync(ct) : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null; // not there, too slow, or Ctrl+C (the caller looks at the token)
        }
    }

    /// The value of the first sample of <paramref name="name"/> in Prometheus text: `name{labels} value [timestamp]`.
    public static double? First(string text, string name) => Samples(text, name).Select(s => (double?)s.Value).FirstOrDefault();

    /// The sum of every sample of <paramref name="name"/> (a counter split by labels); null when there is none.
    public static double? Sum(string text, string name)
    {
        var samples = Samples(text, name).ToList();
        return samples.Count == 0 ? null : samples.Sum(s => s.Value);
    }

    /// A label's value on the first sample of <paramref name="name"/>; null when there is no such sample or label.
    public static string? Label(string text, string name, string label) =>
        Samples(text, name).Select(s => Labels(s.Labels).GetValueOrDefault(label)).FirstOrDefault();

    private static IEnumerable<(string Labels, double Value)> Samples(string text, string name)
    {
        foreach (var whole in text.Split('\n'))
        {
            var line = whole.TrimEnd('\r');
            if (!line.StartsWith(name, StringComparison.Ordinal) || line.Length == name.Length || line[name.Length] is not ('{' or ' '))
                continue;
            var rest = line[name.Length..];
            var labels = "";
            if (rest[0] == '{')
            {
                var close = rest.LastIndexOf('}');
                if (close < 0) continue;
                labels = rest[1..close];
                rest = rest[(close + 1)..];
            }
            rest = rest.TrimStart();
            var end = rest.IndexOf(' ', StringComparison.Ordinal);
            if (double.TryParse(end < 0 ? rest : rest[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                yield return (labels, value);
        }
    }

    /// `a="x",b="y"` (the exporter's values here never hold a quote or a comma).
    private static Dictionary<string, string> Labels(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1].Trim('"'), StringComparer.Ordinal);
}

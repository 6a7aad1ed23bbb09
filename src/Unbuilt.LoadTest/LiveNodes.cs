using System.Diagnostics;
using System.Globalization;

namespace Unbuilt.LoadTest;

/// The nodes the run's WebSockets open on: --live-url's in turn, or the --url node. The run's users are let in as
/// beta users through --url, and other nodes learn that through Redis, so before anyone joins there this waits
/// (briefly) until every other live node's evaluation says yes, and says plainly when one never does.
public sealed class LiveNodes(IReadOnlyList<Uri> liveUrls, Uri server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly IReadOnlyList<Uri> nodes = liveUrls.Count > 0 ? liveUrls : [server];

    /// The node of the i-th socket.
    public Uri For(int index) => nodes[index % nodes.Count];

    /// The live nodes that do not take the writes, each once.
    public IReadOnlyList<Uri> Others { get; } = [.. liveUrls.Distinct().Where(n => n != server)];

    public async Task WaitUntilLetInAsync(IAdminApi admin, string flag, IReadOnlyList<int> userIds, Action<string> update,
        CancellationToken ct)
    {
        foreach (var node in Others)
        {
            using var there = admin.For(node);
            var start = Stopwatch.GetTimestamp();
            for (var next = 0; next < userIds.Count;)
            {
                var answer = await there.GetAsync(Text($"api/feature-flags/{flag}/evaluate?userId={userIds[next]}"), ct);
                if (answer.GetProperty("enabled").GetBoolean())
                {
                    update(Text($"{node}: {++next}/{userIds.Count}"));
                    continue;
                }
                if (Stopwatch.GetElapsedTime(start) > Patience)
                    throw new LoadTestException(Text($"{node} still does not let user {userIds[next]} in {Patience.TotalSeconds:0} s after ") +
                        Text($"{server} did: do the nodes share one database and one Redis (Redis__Connection)?"));
                await Task.Delay(50, ct);
            }
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

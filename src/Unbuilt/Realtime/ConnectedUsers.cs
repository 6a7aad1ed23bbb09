using System.Collections.Concurrent;
using Unbuilt.Flags;

namespace Unbuilt.Realtime;

/// The users connected to this node's hub, with the flag answers they were last told, so a flag change is pushed
/// only to the users whose answer it changed.
public sealed class ConnectedUsers
{
    private sealed class Entry(FlagContext context)
    {
        public FlagContext Context { get; } = context;
        public int Connections;
        public ConcurrentDictionary<string, bool> Told { get; } = new(StringComparer.Ordinal);
    }

    private readonly ConcurrentDictionary<int, Entry> users = new();
    private readonly ConcurrentDictionary<string, int> connections = new(StringComparer.Ordinal);

    /// A new connection; what its user is told starts from the answers of the snapshot in force now.
    public void Connected(string connectionId, int userId, FlagContext context, FlagSnapshot current)
    {
        connections[connectionId] = userId;
        var entry = users.GetOrAdd(userId, _ =>
        {
            var created = new Entry(context);
            foreach (var flag in current.Flags) created.Told[flag.Name] = FlagEvaluator.Evaluate(flag, context).Enabled;
            return created;
        });
        Interlocked.Increment(ref entry.Connections);
    }

    public void Disconnected(string connectionId)
    {
        if (!connections.TryRemove(connectionId, out var userId) || !users.TryGetValue(userId, out var entry)) return;
        if (Interlocked.Decrement(ref entry.Connections) <= 0) users.TryRemove(new KeyValuePair<int, Entry>(userId, entry));
    }

    public int ConnectionCount => connections.Count;

    public int UserCount => users.Count;

    /// For each connected user, the flags whose answer differs from what they were last told (a new flag counts).
    public IEnumerable<(int UserId, FeatureChange Change)> Changes(FlagSnapshot snapshot)
    {
        foreach (var (userId, entry) in users)
            foreach (var flag in snapshot.Flags)
            {
                var enabled = FlagEvaluator.Evaluate(flag, entry.Context).Enabled;
                var known = entry.Told.TryGetValue(flag.Name, out var told);
                entry.Told[flag.Name] = enabled;
                if (!known || told != enabled) yield return (userId, new FeatureChange(flag.Name, enabled));
            }
    }
}

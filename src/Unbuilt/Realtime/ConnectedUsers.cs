using System.Collections.Concurrent;
using Unbuilt.FlagEngine;
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

    // Connects and disconnects take the gate, so a user's count is checked and changed in one step and an entry
    // whose last connection is going is never handed to a new one; Changes reads without it.
    private readonly Lock gate = new();

    /// A new connection, unless its user already holds <paramref name="cap"/> on this node (then nothing is kept,
    /// and there is nothing to undo). What its user is told starts from the answers of the snapshot in force now.
    public bool TryConnect(string connectionId, int userId, FlagContext context, FlagSnapshot current, int cap)
    {
        lock (gate)
        {
            if (!users.TryGetValue(userId, out var entry))
            {
                entry = new Entry(context);
                foreach (var flag in current.Flags) entry.Told[flag.Name] = FlagEvaluator.Evaluate(flag, context).Enabled;
            }
            else if (entry.Connections >= cap) return false;
            entry.Connections++;
            users[userId] = entry;
            connections[connectionId] = userId;
            return true;
        }
    }

    public void Disconnected(string connectionId)
    {
        lock (gate)
        {
            if (!connections.TryRemove(connectionId, out var userId) || !users.TryGetValue(userId, out var entry)) return;
            if (--entry.Connections <= 0) users.TryRemove(userId, out _);
        }
    }

    /// This user's live connections on this node.
    public int ConnectionsOf(int userId) => users.TryGetValue(userId, out var entry) ? Volatile.Read(ref entry.Connections) : 0;

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

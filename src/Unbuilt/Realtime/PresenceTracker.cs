using System.Collections.Concurrent;

namespace Unbuilt.Realtime;

public sealed record PresentUser(int Id, string DisplayName);

/// Who is viewing which plan on this node, by connection: joins, leaves and disconnects all update it, so a closed
/// connection leaves nothing behind. The other nodes' viewers are in RemotePresence.
public sealed class PresenceTracker
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<string, PresentUser>> byPlan = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, byte>> byConnection = new();

    public int JoinedCount(string connectionId) => byConnection.TryGetValue(connectionId, out var plans) ? plans.Count : 0;

    public bool IsJoined(string connectionId, int planId) =>
        byConnection.TryGetValue(connectionId, out var plans) && plans.ContainsKey(planId);

    public void Join(string connectionId, int planId, PresentUser user)
    {
        byPlan.GetOrAdd(planId, _ => new())[connectionId] = user;
        byConnection.GetOrAdd(connectionId, _ => new())[planId] = 0;
    }

    public bool Leave(string connectionId, int planId)
    {
        var left = byPlan.TryGetValue(planId, out var viewers) && viewers.TryRemove(connectionId, out _);
        if (viewers is { IsEmpty: true }) byPlan.TryRemove(new KeyValuePair<int, ConcurrentDictionary<string, PresentUser>>(planId, viewers));
        if (byConnection.TryGetValue(connectionId, out var plans)) plans.TryRemove(planId, out _);
        return left;
    }

    /// Forgets a closed connection; returns the plans whose viewers changed.
    public IReadOnlyList<int> Disconnect(string connectionId)
    {
        if (!byConnection.TryRemove(connectionId, out var plans)) return [];
        var changed = plans.Keys.ToList();
        foreach (var planId in changed)
        {
            if (!byPlan.TryGetValue(planId, out var viewers)) continue;
            viewers.TryRemove(connectionId, out _);
            if (viewers.IsEmpty) byPlan.TryRemove(new KeyValuePair<int, ConcurrentDictionary<string, PresentUser>>(planId, viewers));
        }
        return changed;
    }

    /// Distinct users viewing the plan (one entry per user, however many tabs they have open).
    public IReadOnlyList<PresentUser> Viewers(int planId) => byPlan.TryGetValue(planId, out var viewers)
        ? [.. viewers.Values.DistinctBy(u => u.Id).OrderBy(u => u.Id)]
        : [];

    /// This node's connections watching the plan.
    public IReadOnlyList<string> Connections(int planId) => byPlan.TryGetValue(planId, out var viewers) ? [.. viewers.Keys] : [];

    /// Every plan watched on this node, with its distinct viewers: what a heartbeat tells the other nodes.
    public IReadOnlyList<PlanViewers> Plans() =>
        [.. byPlan.Keys.Select(planId => new PlanViewers(planId, Viewers(planId))).Where(plan => plan.Viewers.Count > 0)];

    public int ConnectionCount => byConnection.Count;

    public int PlanCount => byPlan.Count;
}

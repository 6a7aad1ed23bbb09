namespace Unbuilt.Realtime;

/// Who is viewing which plan on the other nodes, as each last announced it. A node's entries expire three of its
/// heartbeats after it was last heard from, so the viewers of a node that died without a goodbye do not linger.
public sealed class RemotePresence
{
    private sealed class Node
    {
        /// The sequence of the last State applied: anything older is stale, whatever plan it is about.
        public long Floor = -1;
        public DateTimeOffset ExpiresAt;
        public bool Gone;

        /// By plan, the newest viewers heard and the sequence they came with. An empty list is kept until the next
        /// State, so that an older announcement arriving late cannot bring back viewers who have left.
        public readonly Dictionary<int, (long Sequence, PresentUser[] Viewers)> Plans = [];
    }

    private const int HeartbeatsToExpiry = 3;
    private readonly Dictionary<string, Node> nodes = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// Takes in another node's announcement; returns the plans whose viewers on that node changed.
    public IReadOnlyList<int> Apply(PresenceAnnouncement announcement, DateTimeOffset now)
    {
        var changed = new List<int>();
        var lifetime = HeartbeatsToExpiry * TimeSpan.FromSeconds(Math.Clamp(announcement.HeartbeatSeconds, 0.1, 86_400));
        lock (gate)
        {
            if (!nodes.TryGetValue(announcement.Node, out var node)) nodes[announcement.Node] = node = new Node();
            if (node.Gone) return changed;
            var sequence = announcement.Sequence;
            if (announcement.Kind == PresenceAnnouncementKind.Changed)
            {
                foreach (var plan in announcement.Plans)
                    if (sequence > node.Floor && (!node.Plans.TryGetValue(plan.PlanId, out var held) || sequence > held.Sequence))
                        Set(node, plan.PlanId, sequence, plan.Viewers, changed);
            }
            else if (sequence > node.Floor)
            {
                var listed = announcement.Plans.Select(p => p.PlanId).ToHashSet();
                foreach (var (planId, held) in node.Plans.ToList())
                {
                    if (held.Sequence > sequence || listed.Contains(planId)) continue;
                    node.Plans.Remove(planId);
                    if (held.Viewers.Length > 0) changed.Add(planId);
                }
                foreach (var plan in announcement.Plans)
                    if (!node.Plans.TryGetValue(plan.PlanId, out var held) || sequence > held.Sequence)
                        Set(node, plan.PlanId, sequence, plan.Viewers, changed);
                node.Floor = sequence;
            }
            node.Gone = announcement.Kind == PresenceAnnouncementKind.Goodbye;
            node.ExpiresAt = node.Gone ? now : now + lifetime;
        }
        return changed;
    }

    /// Forgets the nodes not heard from in time (and those that said goodbye); returns the nodes that fell silent
    /// and the plans whose viewers that changed.
    public (IReadOnlyList<string> Silent, IReadOnlyList<int> ChangedPlans) Expire(DateTimeOffset now)
    {
        var silent = new List<string>();
        var changed = new List<int>();
        lock (gate)
        {
            foreach (var (name, node) in nodes.ToList())
            {
                if (node.ExpiresAt > now) continue;
                nodes.Remove(name);
                if (!node.Gone) silent.Add(name);
                changed.AddRange(node.Plans.Where(p => p.Value.Viewers.Length > 0).Select(p => p.Key));
            }
        }
        return (silent, [.. changed.Distinct()]);
    }

    /// The users viewing the plan on other nodes (a user may appear once per node).
    public IReadOnlyList<PresentUser> Viewers(int planId)
    {
        lock (gate)
        {
            var viewers = new List<PresentUser>();
            foreach (var node in nodes.Values)
                if (node.Plans.TryGetValue(planId, out var held)) viewers.AddRange(held.Viewers);
            return viewers;
        }
    }

    /// The other nodes heard from and not yet expired.
    public int NodeCount
    {
        get
        {
            lock (gate) return nodes.Count;
        }
    }

    private static void Set(Node node, int planId, long sequence, IReadOnlyList<PresentUser> viewers, List<int> changed)
    {
        PresentUser[] now = [.. viewers.DistinctBy(u => u.Id).OrderBy(u => u.Id)];
        var before = node.Plans.TryGetValue(planId, out var held) ? held.Viewers : [];
        node.Plans[planId] = (sequence, now);
        if (!before.SequenceEqual(now)) changed.Add(planId);
    }
}

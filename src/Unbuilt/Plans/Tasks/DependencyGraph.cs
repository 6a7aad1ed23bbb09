namespace Unbuilt.Plans.Tasks;

/// "Task depends on prerequisite" edges of one plan, for cycle checks.
public sealed class DependencyGraph(IEnumerable<(int TaskId, int PrerequisiteTaskId)> edges)
{
    private readonly ILookup<int, int> prerequisites = edges.ToLookup(e => e.TaskId, e => e.PrerequisiteTaskId);

    /// The cycle that adding "<paramref name="taskId"/> depends on <paramref name="prerequisiteId"/>" would close,
    /// as task ids starting and ending with <paramref name="taskId"/> (each waits for the next); null when none.
    public List<int>? CycleIfAdded(int taskId, int prerequisiteId)
    {
        // A cycle exists iff the prerequisite already (transitively) waits for the task: find that path, breadth
        // first so the reported cycle is a shortest one.
        var cameFrom = new Dictionary<int, int> { [prerequisiteId] = prerequisiteId };
        var queue = new Queue<int>([prerequisiteId]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (current == taskId)
            {
                var path = new List<int>();
                for (var step = current; step != prerequisiteId; step = cameFrom[step]) path.Add(step);
                path.Add(prerequisiteId);
                path.Add(taskId);
                path.Reverse();
                return path;
            }
            foreach (var next in prerequisites[current].Order())
            {
                if (cameFrom.TryAdd(next, current)) queue.Enqueue(next);
            }
        }
        return null;
    }
}

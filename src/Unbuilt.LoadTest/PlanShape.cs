using System.Text.Json;

namespace Unbuilt.LoadTest;

/// A virtual user's picture of its plan: phases with their tasks in order, and which tasks are completed. Only this
/// user edits the plan, so applying its own successful changes keeps the picture exact; each plan load checks it.
public sealed class PlanShape
{
    private readonly List<(int PhaseId, List<int> Tasks)> phases;
    private readonly HashSet<int> completed;

    private PlanShape(int planId, List<(int, List<int>)> phases, HashSet<int> completed)
    {
        PlanId = planId;
        this.phases = phases;
        this.completed = completed;
    }

    public int PlanId { get; }
    public int TaskCount => phases.Sum(p => p.Tasks.Count);
    public IReadOnlyList<int> PhaseIds => [.. phases.Select(p => p.PhaseId)];

    /// From a plan as GET /api/plans/{id} answers it.
    public static PlanShape From(JsonElement plan)
    {
        var phases = new List<(int, List<int>)>();
        var completed = new HashSet<int>();
        foreach (var phase in plan.GetProperty("phases").EnumerateArray())
        {
            var tasks = new List<int>();
            foreach (var task in phase.GetProperty("tasks").EnumerateArray())
            {
                var id = task.GetProperty("id").GetInt32();
                tasks.Add(id);
                if (task.GetProperty("status").GetString() == "completed") completed.Add(id);
            }
            phases.Add((phase.GetProperty("id").GetInt32(), tasks));
        }
        return new PlanShape(plan.GetProperty("id").GetInt32(), phases, completed);
    }

    /// Null when it matches; otherwise what differs, e.g. after a change this user made was lost.
    public string? Difference(PlanShape loaded)
    {
        for (var i = 0; i < phases.Count; i++)
            if (i >= loaded.phases.Count || !phases[i].Tasks.SequenceEqual(loaded.phases[i].Tasks))
                return $"phase {phases[i].PhaseId} does not hold the tasks in the order last written";
        return completed.SetEquals(loaded.completed) ? null : "the completed tasks are not those last written";
    }

    public int RandomTask(Random random)
    {
        var all = phases.SelectMany(p => p.Tasks).ToList();
        return all[random.Next(all.Count)];
    }

    public List<int> TasksOf(int phaseId) => phases.First(p => p.PhaseId == phaseId).Tasks;

    public bool IsCompleted(int taskId) => completed.Contains(taskId);

    public void SetCompleted(int taskId, bool done)
    {
        if (done) completed.Add(taskId);
        else completed.Remove(taskId);
    }

    /// Whether the task already sits in the phase right after that task (null: first): moving it there changes nothing,
    /// so the server commits nothing and sends no event.
    public bool IsAt(int taskId, int phaseId, int? afterTaskId)
    {
        var tasks = TasksOf(phaseId);
        var index = tasks.IndexOf(taskId);
        return index >= 0 && (afterTaskId is { } after ? index > 0 && tasks[index - 1] == after : index == 0);
    }

    /// Moves a task into a phase right after another (null: first), as POST /api/tasks/{id}/move does.
    public void Move(int taskId, int phaseId, int? afterTaskId)
    {
        foreach (var phase in phases) phase.Tasks.Remove(taskId);
        var target = phases.First(p => p.PhaseId == phaseId).Tasks;
        target.Insert(afterTaskId is { } after ? target.IndexOf(after) + 1 : 0, taskId);
    }

    public void Reorder(int phaseId, IReadOnlyList<int> taskIds)
    {
        var target = phases.First(p => p.PhaseId == phaseId).Tasks;
        target.Clear();
        target.AddRange(taskIds);
    }
}

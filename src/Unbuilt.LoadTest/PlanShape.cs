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

    /// From a plan as GET /api/plans/{id} answers it (UTF-8 JSON). Read in one pass without building a document: a
    /// closed run loads a plan of 120 tasks over a thousand times a second, and the load generator shares the machine
    /// with the server it measures, so its own CPU per request is taken from the server's. Only the plan's id, its
    /// phases' ids and each task's id and status are read; everything else (nested objects included) is skipped.
    public static PlanShape From(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        int? planId = null;
        List<(int, List<int>)>? phases = null;
        var completed = new HashSet<int>();
        Expect(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8)) planId = Int(ref reader);
            else if (reader.ValueTextEquals("phases"u8)) phases = Phases(ref reader, completed);
            else Skip(ref reader);
        }
        return new PlanShape(planId ?? throw Missing("id"), phases ?? throw Missing("phases"), completed);
    }

    private static List<(int, List<int>)> Phases(ref Utf8JsonReader reader, HashSet<int> completed)
    {
        var phases = new List<(int, List<int>)>();
        Expect(ref reader, JsonTokenType.StartArray);
        while (NextElement(ref reader))
        {
            int? phaseId = null;
            List<int>? tasks = null;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("id"u8)) phaseId = Int(ref reader);
                else if (reader.ValueTextEquals("tasks"u8)) tasks = Tasks(ref reader, completed);
                else Skip(ref reader);
            }
            phases.Add((phaseId ?? throw Missing("phases[].id"), tasks ?? throw Missing("phases[].tasks")));
        }
        return phases;
    }

    private static List<int> Tasks(ref Utf8JsonReader reader, HashSet<int> completed)
    {
        var tasks = new List<int>();
        Expect(ref reader, JsonTokenType.StartArray);
        while (NextElement(ref reader))
        {
            int? id = null;
            var done = false;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("id"u8)) id = Int(ref reader);
                else if (reader.ValueTextEquals("status"u8))
                {
                    Expect(ref reader, JsonTokenType.String);
                    done = reader.ValueTextEquals("completed"u8);
                }
                else Skip(ref reader);
            }
            tasks.Add(id ?? throw Missing("tasks[].id"));
            if (done) completed.Add(tasks[^1]);
        }
        return tasks;
    }

    /// Moves to the next token, which must be of that type.
    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type) throw new JsonException($"expected {type} at byte {reader.TokenStartIndex}");
    }

    /// Inside an object: true at the next property's name, false at the object's end.
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new JsonException("the plan ends inside an object");
        return reader.TokenType == JsonTokenType.PropertyName ? true
            : reader.TokenType == JsonTokenType.EndObject ? false
            : throw new JsonException($"expected a property at byte {reader.TokenStartIndex}");
    }

    /// Inside an array of objects: true at the next object's start, false at the array's end.
    private static bool NextElement(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new JsonException("the plan ends inside an array");
        return reader.TokenType == JsonTokenType.StartObject ? true
            : reader.TokenType == JsonTokenType.EndArray ? false
            : throw new JsonException($"expected an object at byte {reader.TokenStartIndex}");
    }

    private static int Int(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.Number);
        return reader.GetInt32();
    }

    /// Past a property's value, whatever it is.
    private static void Skip(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new JsonException("the plan ends after a property's name");
        reader.Skip();
    }

    private static KeyNotFoundException Missing(string what) => new($"the plan has no {what}");

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

using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Plans.Changes;
using Unbuilt.Plans.Ordering;

namespace Unbuilt.Plans.Tasks;

/// Finds a task's new position in a phase and makes room when needed (rarely: see TaskPlacement).
public static class TaskMover
{
    /// The phase's tasks in order, without <paramref name="exceptTaskId"/>.
    public static async Task<List<Slot>> SlotsAsync(UnbuiltDbContext db, int phaseId, int? exceptTaskId, CancellationToken ct)
    {
        var slots = await SlotsOf(db, phaseId, exceptTaskId ?? 0).ToListAsync(ct);
        slots.Sort(Slot.Compare);
        return slots;
    }

    // Compiled: every move and every new task runs it. Ids start at 1, so 0 excludes nothing.
    private static readonly Func<UnbuiltDbContext, int, int, IAsyncEnumerable<Slot>> SlotsOf =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int phaseId, int exceptTaskId) =>
            db.PlanTasks.Where(t => t.PhaseId == phaseId && t.Id != exceptTaskId).Select(t => new Slot(t.Id, t.Position)));

    /// The key for a task going right after <paramref name="afterTaskId"/> (null: first; <paramref name="last"/>:
    /// after every other), with the other tasks' keys changed if they had to make room; null when
    /// <paramref name="afterTaskId"/> is not another task of that phase.
    public static async Task<string?> PlaceAsync(PlanMutation mutation, int phaseId, int? movingTaskId, int? afterTaskId,
        bool last, CancellationToken ct) =>
        await PlaceAsync(mutation, await SlotsAsync(mutation.Db, phaseId, movingTaskId, ct), afterTaskId, last, ct);

    /// The same, among <paramref name="slots"/> (the phase's tasks in order, without the one being placed).
    public static async Task<string?> PlaceAsync(PlanMutation mutation, List<Slot> slots, int? afterTaskId, bool last, CancellationToken ct)
    {
        var afterIndex = last ? slots.Count - 1 : afterTaskId is { } after ? slots.FindIndex(s => s.TaskId == after) : -1;
        if (afterTaskId is not null && !last && afterIndex < 0) return null;
        var placement = TaskPlacement.After(slots, afterIndex);
        await ShiftAsync(mutation, placement.Shifts, ct);
        return placement.Position;
    }

    public static async Task ShiftAsync(PlanMutation mutation, IReadOnlyList<Slot> shifts, CancellationToken ct)
    {
        if (shifts.Count == 0) return;
        var ids = shifts.Select(s => s.TaskId).ToList();
        var tasks = await mutation.Db.PlanTasks.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        foreach (var shift in shifts) mutation.Edit.UpdateTask(tasks[shift.TaskId], t => t.Position = shift.Position);
    }
}

using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Plans.Changes;
using Unbuilt.Plans.Ordering;

namespace Unbuilt.Plans.Tasks;

/// Finds a task's new position in a phase and makes room when needed (rarely: see TaskPlacement).
public static class TaskMover
{
    /// The tasks of plan <paramref name="planId"/> in its phase <paramref name="phaseId"/>, in order, without
    /// <paramref name="exceptTaskId"/>. Empty for a phase of another plan: nothing outside the plan is read.
    public static async Task<List<Slot>> SlotsAsync(UnbuiltDbContext db, int planId, int phaseId, int? exceptTaskId, CancellationToken ct)
    {
        var slots = await SlotsOf(db, planId, phaseId, exceptTaskId ?? 0).ToListAsync(ct);
        slots.Sort(Slot.Compare);
        return slots;
    }

    // Compiled: every move and every new task runs it. Ids start at 1, so 0 excludes nothing. The plan's id lets it
    // read the (plan, phase, position, id) index alone.
    private static readonly Func<UnbuiltDbContext, int, int, int, IAsyncEnumerable<Slot>> SlotsOf =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int planId, int phaseId, int exceptTaskId) =>
            db.PlanTasks.Where(t => t.PlanId == planId && t.PhaseId == phaseId && t.Id != exceptTaskId).Select(t => new Slot(t.Id, t.Position)));

    /// The key for a task going right after <paramref name="afterTaskId"/> (null: first; <paramref name="last"/>:
    /// after every other), with the other tasks' keys changed if they had to make room; null when
    /// <paramref name="afterTaskId"/> is not another task of that phase.
    public static async Task<string?> PlaceAsync(PlanMutation mutation, int phaseId, int? movingTaskId, int? afterTaskId,
        bool last, CancellationToken ct) =>
        await PlaceAsync(mutation, await SlotsAsync(mutation.Db, mutation.Plan.Id, phaseId, movingTaskId, ct), afterTaskId, last, ct);

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

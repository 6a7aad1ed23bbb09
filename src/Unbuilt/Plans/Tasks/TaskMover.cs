using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Plans.Changes;
using Unbuilt.Plans.Ordering;

namespace Unbuilt.Plans.Tasks;

/// Finds a task's new position in a phase and makes room when needed (rarely: see TaskPlacement).
public static class TaskMover
{
    /// The tasks of plan <paramref name="planId"/> in its phase <paramref name="phaseId"/>, in order; null when <paramref name="phaseId"/> is not a phase of that plan. Nothing
    /// outside the plan is read, and the phase itself is looked up only when no task came back (an empty phase, or
    /// none of the plan's): one round trip for most moves and new tasks.
    public static async Task<List<Slot>?> PhaseSlotsAsync(UnbuiltDbContext db, int planId, int phaseId, CancellationToken ct)
    {
        var slots = await SlotsOf(db, planId, phaseId).ToListAsync(ct);
        if (slots.Count == 0) return await db.PlanPhases.AnyAsync(p => p.Id == phaseId && p.PlanId == planId, ct) ? slots : null;
        slots.Sort(Slot.Compare);
        return slots;
    }

    // Compiled: every move and every new task runs it. The plan's id lets it read the (plan, phase, position, id)
    // index alone.
    private static readonly Func<UnbuiltDbContext, int, int, IAsyncEnumerable<Slot>> SlotsOf =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int planId, int phaseId) =>
            db.PlanTasks.Where(t => t.PlanId == planId && t.PhaseId == phaseId).Select(t => new Slot(t.Id, t.Position)));

    /// The key for a task going right after <paramref name="afterTaskId"/> (null: first; <paramref name="last"/>:
    /// after every other) among <paramref name="slots"/> (the phase's tasks in order, without the one being placed),
    /// with the other tasks' keys changed if they had to make room; null when <paramref name="afterTaskId"/> is not
    /// another task of that phase.
    public static async Task<string?> PlaceAsync(PlanTransaction change, List<Slot> slots, int? afterTaskId, bool last, CancellationToken ct)
    {
        if (TaskPlacement.After(slots, afterTaskId, last) is not { } placement) return null;
        await ShiftAsync(change, placement.Shifts, ct);
        return placement.Position;
    }

    public static async Task ShiftAsync(PlanTransaction change, IReadOnlyList<Slot> shifts, CancellationToken ct)
    {
        if (shifts.Count == 0) return;
        var ids = shifts.Select(s => s.TaskId).ToList();
        var tasks = await change.Db.PlanTasks.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        foreach (var shift in shifts) change.Edit.UpdateTask(tasks[shift.TaskId], t => t.Position = shift.Position);
    }
}

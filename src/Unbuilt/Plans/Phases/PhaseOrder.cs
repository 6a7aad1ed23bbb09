using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Plans.Changes;
using Unbuilt.Plans.Ordering;

namespace Unbuilt.Plans.Phases;

/// A plan's phases in order, and a phase's new place among them: the same fractional keys and placement as tasks in a
/// phase (TaskPlacement), so a move writes one row but in the rare case where others must make room.
public static class PhaseOrder
{
    /// The plan's phases, in order (by position, then id).
    public static async Task<List<Slot>> SlotsAsync(UnbuiltDbContext db, int planId, CancellationToken ct)
    {
        var slots = await db.PlanPhases.Where(p => p.PlanId == planId).Select(p => new Slot(p.Id, p.Position)).ToListAsync(ct);
        slots.Sort(Slot.Compare);
        return slots;
    }

    /// The key for a phase going right after <paramref name="afterPhaseId"/> (null: first; <paramref name="last"/>:
    /// after every other) among <paramref name="slots"/> (without the one being placed), with other phases' keys
    /// changed if they had to make room; null when <paramref name="afterPhaseId"/> is not one of them.
    public static async Task<string?> PlaceAsync(PlanTransaction change, List<Slot> slots, int? afterPhaseId, bool last,
        CancellationToken ct)
    {
        if (TaskPlacement.After(slots, afterPhaseId, last) is not { } placement) return null;
        if (placement.Shifts.Count > 0)
        {
            var ids = placement.Shifts.Select(s => s.TaskId).ToList();
            var phases = await change.Db.PlanPhases.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            foreach (var shift in placement.Shifts) change.Edit.UpdatePhase(phases[shift.TaskId], p => p.Position = shift.Position);
        }
        return placement.Position;
    }
}

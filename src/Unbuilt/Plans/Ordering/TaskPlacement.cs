namespace Unbuilt.Plans.Ordering;

/// A task's place in a phase (or a phase's in its plan: the same ordering): its position key and the id that breaks
/// ties between equal keys.
public readonly record struct Slot(int TaskId, string Position)
{
    public static int Compare(Slot x, Slot y)
    {
        var byPosition = string.CompareOrdinal(x.Position, y.Position);
        return byPosition != 0 ? byPosition : x.TaskId.CompareTo(y.TaskId);
    }
}

/// The keys to write for a placement: the placed task's, and (rarely) others' that had to make room.
public sealed record Placement(string Position, IReadOnlyList<Slot> Shifts);

/// Where a task goes when it is put after another (or first). Normally one key between the neighbours, so one row
/// is written. Two cases write more: neighbours with equal keys (an undo can restore a key that another task has
/// taken since) get fresh keys up to the next larger one, and a key grown past <see cref="MaxKeyLength"/> by many
/// insertions at one spot makes the whole phase respaced.
public static class TaskPlacement
{
    public const int MaxKeyLength = 48;

    /// The placement right after the sibling <paramref name="afterId"/> (null: first; <paramref name="last"/>: after
    /// every sibling); null when <paramref name="afterId"/> is not one of <paramref name="siblings"/> (in order, without
    /// the one being placed).
    public static Placement? After(IReadOnlyList<Slot> siblings, int? afterId, bool last)
    {
        var afterIndex = last ? siblings.Count - 1 : afterId is { } after ? IndexOf(siblings, after) : -1;
        return afterId is not null && !last && afterIndex < 0 ? null : After(siblings, afterIndex);
    }

    /// Whether <paramref name="id"/> already sits right after <paramref name="afterId"/> (null: first) in
    /// <paramref name="order"/>: a repeated drop keeps its key and writes nothing.
    public static bool IsAfter(IReadOnlyList<Slot> order, int id, int? afterId)
    {
        var index = IndexOf(order, id);
        return afterId is null ? index == 0 : index > 0 && order[index - 1].TaskId == afterId;
    }

    private static int IndexOf(IReadOnlyList<Slot> slots, int id)
    {
        for (var i = 0; i < slots.Count; i++) if (slots[i].TaskId == id) return i;
        return -1;
    }

    /// <param name="siblings">The phase's other tasks, in order.</param>
    /// <param name="afterIndex">Index in <paramref name="siblings"/> of the task to go after; -1 for first.</param>
    public static Placement After(IReadOnlyList<Slot> siblings, int afterIndex)
    {
        var index = afterIndex + 1;
        var low = index > 0 ? siblings[index - 1].Position : null;
        var end = index;
        // Skip the siblings whose key is not above the one we go after: they need new keys too.
        while (low is not null && end < siblings.Count && string.CompareOrdinal(siblings[end].Position, low) <= 0) end++;
        var high = end < siblings.Count ? siblings[end].Position : null;
        var keys = FractionalIndex.Spread(low, high, 1 + end - index);
        if (keys[0].Length > MaxKeyLength) return Respaced(siblings, index);
        var shifts = new List<Slot>();
        for (var i = index; i < end; i++) shifts.Add(siblings[i] with { Position = keys[1 + i - index] });
        return new Placement(keys[0], shifts);
    }

    private static Placement Respaced(IReadOnlyList<Slot> siblings, int index)
    {
        var keys = FractionalIndex.Spread(null, null, siblings.Count + 1);
        var shifts = new List<Slot>();
        for (var i = 0; i < siblings.Count; i++) shifts.Add(siblings[i] with { Position = keys[i < index ? i : i + 1] });
        return new Placement(keys[index], shifts);
    }
}

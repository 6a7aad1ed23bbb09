namespace Unbuilt.Data.Plans;

public enum OperationKind { Do, Undo, Redo }

/// One user request that changed a plan: the unit of undo and redo (its task_history rows share OperationId).
/// Undo takes the user's latest active undoable Do/Redo, applies the inverse as a new Undo operation and marks the
/// target Undone; redo takes the user's latest Undo that is not Undone, reverses it as a new Redo and marks it Undone
/// (a new Do marks the user's pending Undos Undone: it clears the redo stack).
public sealed class PlanOperation
{
    public long Id { get; set; }
    public int PlanId { get; set; }
    public int UserId { get; set; }
    public required string OperationId { get; set; }
    public OperationKind Kind { get; set; }
    /// The change event type it was published as, e.g. task.updated (so catch-up can replay the same envelopes).
    public required string Type { get; set; }
    /// False for changes that are not the plan's content (creating the plan, sharing it): undo passes over them.
    public bool Undoable { get; set; }
    /// For Undo and Redo: the operation reversed.
    public string? TargetOperationId { get; set; }
    /// A Do/Redo that was undone, or an Undo that was redone or superseded by a new Do.
    public bool Undone { get; set; }
    public int PlanVersion { get; set; }
    public DateTime CreatedAt { get; set; }
}

using System.Text.Json;
using Unbuilt.Data.Plans;

namespace Unbuilt.Plans.Changes;

/// One committed change to a plan, as live clients receive it and as `GET …/changes?since=V` replays it.
/// Versions are consecutive per plan; a client that sees a gap catches up with `changes?since`.
/// <param name="Type">task.created | task.updated | task.deleted | task.moved | tasks.reordered | dependency.added |
/// dependency.removed | phase.created | phase.updated | phase.moved | phase.deleted | plan.created | plan.updated |
/// plan.deleted | member.added | member.updated | member.removed | operation.undone | operation.redone.</param>
/// <param name="OperationId">The X-Operation-Id the client sent (or a new GUID): the originator recognises its own.</param>
public sealed record PlanChange(int PlanId, int Version, string Type, PlanChangeData Data, int ActorId,
    string OperationId, DateTime OccurredAt);

/// The rows the operation changed, in order, each with its state before and after (null = created / deleted).
/// For an undo or a redo, Kind says which and TargetOperationId names the operation reversed.
public sealed record PlanChangeData(OperationKind Kind, string? TargetOperationId, IReadOnlyList<RowChange> Changes);

/// <param name="Action">entity.verb, e.g. task.updated; `before`/`after` have the shape of TaskRow, DependencyRow,
/// PhaseRow, PlanRow or MemberRow by entity (a phase's rows have no taskId: the phase's id is in its row).</param>
public sealed record RowChange(string Action, int? TaskId, JsonElement? Before, JsonElement? After, string? Note)
{
    public static RowChange Of(TaskHistory row) =>
        new(row.Action, row.TaskId, RowJson.Element(row.PreviousState), RowJson.Element(row.NewState), row.Note);
}

using Unbuilt.Api;

namespace Unbuilt.Plans.Phases;

/// POST /api/plans/{id}/phases. afterPhaseId absent puts the phase last; null puts it first (as afterTaskId does).
public sealed record CreatePhaseRequest(string? Name, string? Description, Optional<int?> AfterPhaseId);

/// PATCH /api/phases/{id}: any subset.
public sealed record UpdatePhaseRequest(string? Name, string? Description)
{
    public bool IsEmpty => Name is null && Description is null;
}

/// POST /api/phases/{id}/move: right after afterPhaseId (null or absent: first), as a task's move.
public sealed record MovePhaseRequest(int? AfterPhaseId);

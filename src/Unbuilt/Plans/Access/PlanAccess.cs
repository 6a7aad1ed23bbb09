using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Data.Plans;

namespace Unbuilt.Plans.Access;

/// A plan is visible only to its members; editors change it, viewers read it; only the owner deletes
/// or shares. A stranger gets the same 404 as for a plan that does not exist; a member gets 403 for what their role
/// does not allow.
public static class PlanAccess
{
    /// The user's role on the plan, null for a stranger. Written once here and inlined into every query that needs it
    /// (a plan read, a change's first query), so each asks it in the same round trip as the rest of what it reads.
    public static readonly Expression<Func<UnbuiltDbContext, int, int, MemberRole?>> Role = (db, planId, userId) =>
        db.PlanMembers.Where(m => m.PlanId == planId && m.UserId == userId).Select(m => (MemberRole?)m.Role).FirstOrDefault();

    public static Task<MemberRole?> RoleAsync(UnbuiltDbContext db, int planId, int userId, CancellationToken ct) =>
        RoleOf(db, planId, userId, ct);

    // Compiled: every hub join and every read that needs nothing else of the plan runs it.
    private static readonly Func<UnbuiltDbContext, int, int, CancellationToken, Task<MemberRole?>> RoleOf =
        EF.CompileAsyncQuery(QueryFragments.Expand((UnbuiltDbContext db, int planId, int userId, CancellationToken ct) =>
            Role.Inline(db, planId, userId)));

    /// Null when <paramref name="role"/> may do what needs <paramref name="needed"/>; otherwise the answer to give.
    public static ProblemHttpResult? Deny(MemberRole? role, MemberRole needed, int planId) => role switch
    {
        null => PlanNotFound(planId),
        _ when Rank(role.Value) >= Rank(needed) => null,
        MemberRole.Viewer => Problems.Forbidden("You can view this plan but not change it; ask its owner to make you an editor."),
        _ => Problems.Forbidden("Only the plan's owner can do this."),
    };

    public static ProblemHttpResult PlanNotFound(int planId) => Problems.NotFound($"There is no plan {planId}.");

    public static ProblemHttpResult TaskNotFound(int taskId) => Problems.NotFound($"There is no task {taskId}.");

    public static ProblemHttpResult PhaseNotFound(int phaseId) => Problems.NotFound($"There is no phase {phaseId}.");

    /// Owner above editor above viewer.
    public static int Rank(MemberRole role) => role switch
    {
        MemberRole.Owner => 3,
        MemberRole.Editor => 2,
        _ => 1,
    };
}

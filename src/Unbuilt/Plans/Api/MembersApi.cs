using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Plans.Access;
using Unbuilt.Accounts;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Monitoring;
using Unbuilt.Plans.Changes;
using Unbuilt.Plans.Idempotency;

namespace Unbuilt.Plans.Api;

/// Sharing: only the owner adds members or changes their role; the owner removes anyone, a member can leave.
/// These changes are recorded and published like any other, but they are not the plan's content: undo skips them.
public static class MembersApi
{
    public static void MapMembers(this RouteGroupBuilder plans)
    {
        plans.MapGet("/{planId:int}/members", List).WithOperation("plan_members_listed", "action_plan.member_list");
        plans.MapPost("/{planId:int}/members", Add).WithOperation("plan_member_added", "action_plan.member_add")
            .NeedsPlanRole(MemberRole.Owner);
        plans.MapDelete("/{planId:int}/members/{userId:int}", Remove).WithOperation("plan_member_removed", "action_plan.member_remove")
            .NeedsPlanRole(http => ReplayAccess.RouteInt(http, "userId") == http.User.UserId() ? MemberRole.Viewer : MemberRole.Owner);
    }

    private static async Task<Results<Ok<List<MemberResponse>>, ProblemHttpResult>> List(
        int planId, HttpContext http, UnbuiltDbContext db, CancellationToken ct)
    {
        var role = await PlanAccess.RoleAsync(db, planId, http.User.UserId(), ct);
        if (PlanAccess.Deny(role, MemberRole.Viewer, planId) is { } denied) return denied;
        return TypedResults.Ok(await MembersAsync(db, planId, null, ct));
    }

    /// The answer is the same 202 whether or not an account uses the email, so sharing cannot be used to find out
    /// who has an account: an unknown email changes nothing but answers as if it had been added (same status, body
    /// and headers; the limit is checked first for both). The member list still shows who was added, as it must for
    /// the owner to manage them. An invitation link (InvitationsApi) shares a plan without naming any account.
    private static async Task<Results<Accepted<MemberAddedResponse>, ProblemHttpResult, ValidationProblem>> Add(
        int planId, AddMemberRequest request, PlanChangeOpener changes, UserAccounts accounts, PlanLimits limits,
        CancellationToken ct)
    {
        var errors = new FieldErrors().Required("email", request.Email, 254);
        if (request.Role is null) errors.Add("role", "role is required: editor or viewer.");
        else if (request.Role == MemberRole.Owner) errors.Add("role", "A plan has one owner; share it as editor or viewer.");
        if (errors.Any) return errors.ToProblem();

        await using var change = await changes.ForPlanAsync(planId, MemberRole.Owner, ct);
        var user = await accounts.FindByEmailAsync(request.Email!, ct);
        // Only the owner gets here, so this is their own address: nothing to reveal.
        if (user is not null && user.Id == change.Plan.UserId) return errors.Add("email", "That is the plan's owner.").ToProblem();

        var (member, count) = await MemberAndCountAsync(change.Db, planId, user?.Id ?? NoUser, ct);
        var isNew = member is null;
        // Only a new member counts against the limit: changing a member's role adds no one. An unknown email is
        // checked as a new member would be, or a full plan would tell the two apart.
        if (isNew && limits.Members(count) is { } full) return full;
        var email = request.Email!.Trim();
        var answer = TypedResults.Accepted($"/api/plans/{planId}/members", new MemberAddedResponse(email, request.Role!.Value,
            $"If an account uses {email}, it is now {(request.Role == MemberRole.Editor ? "an editor" : "a viewer")} of this plan."));
        // No rows changed: nothing is committed, and the answer carries the plan's ETag as a real change's would.
        if (user is null) return await change.CommitAsync("member.added", answer, ct, undoable: false);

        var before = member is null ? null : new MemberRow(member.UserId, member.Role);
        member ??= change.Db.PlanMembers.Add(new PlanMember { PlanId = planId, UserId = user.Id, AddedAt = change.Now }).Entity;
        member.Role = request.Role!.Value;
        if (before?.Role != member.Role)
            change.Edit.RecordMember(isNew ? "member.added" : "member.updated", before, new MemberRow(user.Id, member.Role));
        return await change.CommitAsync(isNew ? "member.added" : "member.updated", answer, ct, undoable: false);
    }

    /// No account has this id (ids start at 1): an unknown email's membership is looked up as nobody's.
    private const int NoUser = 0;

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Remove(
        int planId, int userId, HttpContext http, PlanChangeOpener changes, CancellationToken ct)
    {
        var leaving = userId == http.User.UserId();
        await using var change = await changes.ForPlanAsync(planId, leaving ? MemberRole.Viewer : MemberRole.Owner, ct);
        if (userId == change.Plan.UserId)
            return new FieldErrors().Add("userId", "The owner cannot leave or be removed; delete the plan instead.").ToProblem();
        var member = await change.Db.PlanMembers.FirstOrDefaultAsync(m => m.PlanId == planId && m.UserId == userId, ct);
        if (member is null) return Problems.NotFound($"User {userId} is not a member of plan {planId}.");
        change.Db.PlanMembers.Remove(member);
        change.Edit.RecordMember("member.removed", new MemberRow(member.UserId, member.Role), null);
        return await change.CommitAsync("member.removed", TypedResults.NoContent(), ct, undoable: false);
    }

    /// One query: the user's membership (tracked) if they have one, and how many members the plan has. If the plan
    /// has gone, a change deleted it since the change read it: the request runs again (and finds no plan).
    internal static async Task<(PlanMember? Member, int Count)> MemberAndCountAsync(UnbuiltDbContext db, int planId, int userId,
        CancellationToken ct)
    {
        var found = await (from p in db.ActionPlans.Where(p => p.Id == planId)
                           from m in db.PlanMembers.Where(m => m.PlanId == planId && m.UserId == userId).DefaultIfEmpty()
                           select new { Member = m, Count = db.PlanMembers.Count(x => x.PlanId == planId) })
            .FirstOrDefaultAsync(ct) ?? throw new PlanChangedException(planId);
        return (found.Member, found.Count);
    }

    public static Task<List<MemberResponse>> MembersAsync(UnbuiltDbContext db, int planId, int? userId, CancellationToken ct) =>
        db.PlanMembers.Where(m => m.PlanId == planId && (userId == null || m.UserId == userId))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { Member = m, User = u })
            .OrderBy(x => x.Member.AddedAt).ThenBy(x => x.Member.UserId)
            .Select(x => new MemberResponse(x.User.Id, x.User.Email, x.User.DisplayName, x.Member.Role, x.Member.AddedAt))
            .ToListAsync(ct);
}

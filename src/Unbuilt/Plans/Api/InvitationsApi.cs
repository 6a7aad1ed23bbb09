using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Plans.Access;
using Unbuilt.Accounts;
using Unbuilt.Api;
using Unbuilt.Audit;
using Unbuilt.Data;
using Unbuilt.Data.Configurations;
using Unbuilt.Data.Plans;
using Unbuilt.Flags;
using Unbuilt.Monitoring;
using Unbuilt.Plans.Changes;
using Unbuilt.Settings;

namespace Unbuilt.Plans.Api;

/// POST /api/plans/{id}/invitations: editor or viewer; an email, when given, is the only account that may accept.
public sealed record CreateInvitationRequest(MemberRole? Role, string? Email);

/// The one answer that carries the token (and the link built from it); it is never shown again.
public sealed record CreatedInvitationResponse(int Id, string Token, string Url, MemberRole Role, string? Email, DateTime CreatedAt,
    DateTime ExpiresAt);

public sealed record InvitationCreator(int Id, string DisplayName);

public sealed record InvitationResponse(int Id, MemberRole Role, string? Email, DateTime CreatedAt, DateTime ExpiresAt,
    InvitationCreator CreatedBy);

/// What an invitation's link leads to, for the page that asks whether to accept it.
public sealed record InvitationPreviewResponse(int PlanId, string PlanTitle, MemberRole Role, string InvitedBy, DateTime ExpiresAt,
    string? Email);

public sealed record AcceptedInvitationResponse(int PlanId, MemberRole Role);

/// Invitation links: the owner makes one (shown once), lists the pending ones and revokes them; whoever has the link
/// sees what it leads to, and once signed in (or signing up with it) accepts it and becomes a member. Creating one
/// looks up no account, so its answer is the same whatever the email; the link, not the email, is the credential,
/// and an email only narrows who may use it.
///
/// These routes do not honour Idempotency-Key: a stored answer would keep the token, and the path of a token route
/// holds it. For the same reason the token routes write their own audit rows, naming the invitation by id, instead of
/// the operation's (which record the path).
public static class InvitationsApi
{
    /// Longer than any token TokenSecrets makes; a longer value is looked up as none at all.
    internal const int MaxTokenLength = 100;

    public static void MapInvitations(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/api/plans").RequireAuthorization().RequireFeature(PlanFeature.Name).WithPlanChanges()
            .WithTags("Action plans");
        plans.MapPost("/{planId:int}/invitations", Create).WithOperation("plan_invitation_created", "action_plan.invitation_create");
        plans.MapGet("/{planId:int}/invitations", List).WithOperation("plan_invitations_listed", "action_plan.invitation_list");
        plans.MapDelete("/{planId:int}/invitations/{invitationId:int}", Revoke)
            .WithOperation("plan_invitation_revoked", "action_plan.invitation_revoke");

        var invitations = app.MapGroup("/api/invitations").WithTags("Action plans");
        // Anyone with the link may look before signing in; rate-limited like login, as every lookup tries a token.
        invitations.MapGet("/{token}", Preview).AllowAnonymous().RequireRateLimiting(RateLimits.LoginPolicy)
            .WithOperation("plan_invitation_viewed");
        invitations.MapPost("/{token}/accept", Accept).RequireAuthorization().RequireFeature(PlanFeature.Name)
            .RequireRateLimiting(RateLimits.LoginPolicy).WithPlanChanges().WithOperation("plan_invitation_accepted");
    }

    private static async Task<Results<Created<CreatedInvitationResponse>, ProblemHttpResult, ValidationProblem>> Create(
        int planId, CreateInvitationRequest request, HttpContext http, UnbuiltDbContext db, PlanLimits limits, UnbuiltOptions options,
        AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.Role is null) errors.Add("role", "role is required: editor or viewer.");
        else if (request.Role == MemberRole.Owner) errors.Add("role", "A plan has one owner; invite an editor or a viewer.");
        errors.Email("email", request.Email, required: false);
        if (errors.Any) return errors.ToProblem();

        var userId = http.User.UserId();
        if (PlanAccess.Deny(await PlanAccess.RoleAsync(db, planId, userId, ct), MemberRole.Owner, planId) is { } denied) return denied;

        var now = clock.StoredNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The plan's row lock (a no-op update, as a change that locks first takes it), so two invitations made at once
        // cannot both pass the limit.
        if (await db.ActionPlans.Where(p => p.Id == planId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version), ct) == 0)
            return PlanAccess.PlanNotFound(planId);
        if (limits.PendingInvitations(await Pending(db, planId, now).CountAsync(ct)) is { } full) return full;

        var token = TokenSecrets.RandomValue();
        var invitation = new PlanInvitation
        {
            PlanId = planId,
            Role = request.Role!.Value,
            Email = request.Email is null ? null : UserAccounts.NormalizeEmail(request.Email),
            TokenHash = TokenSecrets.Hash(token),
            CreatedBy = userId,
            CreatedAt = now,
            ExpiresAt = now.AddDays(options.Accounts.InvitationDays),
        };
        db.PlanInvitations.Add(invitation);
        await db.SaveChangesAsync(ct); // the audit row names its id
        audit.Record("plan.invitation_created", AuditSeverity.Info, true, userId, "plan_invitation", InvitationsApi.Text(invitation.Id),
            new { planId, role = LowercaseEnum.Name(invitation.Role), email = invitation.Email });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        var url = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/invitations/{token}";
        return TypedResults.Created((string?)null, new CreatedInvitationResponse(invitation.Id, token, url, invitation.Role,
            invitation.Email, invitation.CreatedAt, invitation.ExpiresAt));
    }

    private static async Task<Results<Ok<List<InvitationResponse>>, ProblemHttpResult>> List(
        int planId, HttpContext http, UnbuiltDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var role = await PlanAccess.RoleAsync(db, planId, http.User.UserId(), ct);
        if (PlanAccess.Deny(role, MemberRole.Owner, planId) is { } denied) return denied;
        var pending = await Pending(db, planId, clock.StoredNow())
            .Join(db.Users, i => i.CreatedBy, u => u.Id, (i, u) => new { Invitation = i, Creator = u })
            .OrderBy(x => x.Invitation.CreatedAt).ThenBy(x => x.Invitation.Id)
            .Select(x => new InvitationResponse(x.Invitation.Id, x.Invitation.Role, x.Invitation.Email, x.Invitation.CreatedAt,
                x.Invitation.ExpiresAt, new InvitationCreator(x.Creator.Id, x.Creator.DisplayName)))
            .ToListAsync(ct);
        return TypedResults.Ok(pending);
    }

    /// Revoking one already revoked, or one that expired unused, is allowed and changes nothing more; one already
    /// accepted is refused, since its member is what the owner now wants to remove.
    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        int planId, int invitationId, HttpContext http, UnbuiltDbContext db, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var userId = http.User.UserId();
        if (PlanAccess.Deny(await PlanAccess.RoleAsync(db, planId, userId, ct), MemberRole.Owner, planId) is { } denied) return denied;
        var now = clock.StoredNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Only while nobody has accepted it: an accept that commits first wins, and this answers as for an accepted one.
        var revoked = await db.PlanInvitations
            .Where(i => i.Id == invitationId && i.PlanId == planId && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now), ct);
        if (revoked == 0)
        {
            var invitation = await db.PlanInvitations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == invitationId && i.PlanId == planId, ct);
            if (invitation is null) return Problems.NotFound($"Plan {planId} has no invitation {invitationId}.");
            if (invitation.AcceptedAt is not null)
                return Problems.Conflict("This invitation was already accepted; remove the member it made instead.");
            return TypedResults.NoContent(); // revoked before
        }
        audit.Record("plan.invitation_revoked", AuditSeverity.Info, true, userId, "plan_invitation", Text(invitationId), new { planId });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<InvitationPreviewResponse>, ProblemHttpResult>> Preview(
        string token, UnbuiltDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var hash = TokenSecrets.Hash(token);
        var found = token.Length > MaxTokenLength ? null : await db.PlanInvitations.AsNoTracking()
            .Where(i => i.TokenHash == hash)
            .Join(db.ActionPlans, i => i.PlanId, p => p.Id, (i, p) => new { Invitation = i, p.Title })
            .Join(db.Users, x => x.Invitation.CreatedBy, u => u.Id, (x, u) => new { x.Invitation, x.Title, u.DisplayName })
            .FirstOrDefaultAsync(ct);
        if (InvitationAcceptance.Unusable(found?.Invitation, clock.StoredNow()) is { } unusable) return unusable;
        var invitation = found!.Invitation;
        return TypedResults.Ok(new InvitationPreviewResponse(invitation.PlanId, found.Title, invitation.Role, found.DisplayName,
            invitation.ExpiresAt, invitation.Email));
    }

    private static async Task<Results<Ok<AcceptedInvitationResponse>, ProblemHttpResult>> Accept(
        string token, HttpContext http, InvitationAcceptance invitations, CancellationToken ct)
    {
        var invitation = await invitations.FindAsync(token, ct);
        if (invitations.Unusable(invitation) is { } unusable) return unusable;
        var email = http.User.FindFirstValue(ClaimTypes.Email) ?? "";
        var accepted = await invitations.AcceptAsync(http, invitation!, http.User.UserId(), email, ct);
        if (accepted.Problem is { } problem) return problem;
        return TypedResults.Ok(accepted.Answer!);
    }

    internal static IQueryable<PlanInvitation> Pending(UnbuiltDbContext db, int planId, DateTime now) =>
        db.PlanInvitations.Where(i => i.PlanId == planId && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now);

    internal static string Text(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// The outcome of accepting: the answer, or the problem that stopped it (and changed nothing).
public sealed record Acceptance(AcceptedInvitationResponse? Answer, ProblemHttpResult? Problem);

/// Accepting an invitation, for the accept route and for a sign-up that brings one.
public sealed class InvitationAcceptance(UnbuiltDbContext db, PlanChangeOpener changes, PlanLimits limits, AuditLog audit,
    TimeProvider clock)
{
    public async Task<PlanInvitation?> FindAsync(string token, CancellationToken ct)
    {
        if (token.Length is 0 || token.Length > InvitationsApi.MaxTokenLength) return null;
        var hash = TokenSecrets.Hash(token);
        return await db.PlanInvitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
    }

    public ProblemHttpResult? Unusable(PlanInvitation? invitation) => Unusable(invitation, clock.StoredNow());

    /// Null when <paramref name="invitation"/> may be accepted now; otherwise why not. A revoked invitation answers as
    /// an unknown one: the owner took it back, and its link should lead nowhere.
    public static ProblemHttpResult? Unusable(PlanInvitation? invitation, DateTime now) => invitation switch
    {
        null or { RevokedAt: not null } =>
            Problems.NotFound("There is no such invitation; it may have been revoked. Ask the plan's owner for a new link."),
        { AcceptedAt: not null } =>
            Problems.Gone("This invitation has already been used; each link works once. Ask the plan's owner for a new one."),
        _ when invitation.ExpiresAt <= now => Problems.Gone("This invitation has expired; ask the plan's owner for a new one."),
        _ => null,
    };

    /// Makes <paramref name="userId"/> (whose account email is <paramref name="email"/>) a member with the invitation's
    /// role, through the plan's change pipeline: recorded as member.added (or member.updated) in the plan's history,
    /// not undoable, and published to the plan's live clients. A member already there keeps a higher role; the
    /// invitation is used up either way. Two accepts of one invitation cannot both succeed: it is marked accepted only
    /// where it is still unaccepted, in the change's transaction.
    public async Task<Acceptance> AcceptAsync(HttpContext http, PlanInvitation invitation, int userId, string email, CancellationToken ct)
    {
        if (invitation.Email is { } invited && !string.Equals(invited, UserAccounts.NormalizeEmail(email), StringComparison.Ordinal))
            return Refused(Problems.Forbidden($"This invitation is for {invited}; sign in with that account to accept it."));

        var planId = invitation.PlanId;
        var role = await PlanAccess.RoleAsync(db, planId, userId, ct);
        if (role == MemberRole.Owner)
            return Refused(Problems.Conflict("You own this plan; invitations are for the people you share it with."));
        if (role is { } current && PlanAccess.Rank(current) >= PlanAccess.Rank(invitation.Role))
            return await UseUpAsync(invitation, userId, current, ct);

        PlanTransaction change;
        try
        {
            change = await changes.ForInviteeAsync(planId, userId, ct);
        }
        catch (PlanChangeRefused refused)
        {
            return Refused(refused.Problem); // the caller answers it: a sign-up must also take back the account it made
        }
        await using var _ = change;
        var (member, count) = await MembersApi.MemberAndCountAsync(change.Db, planId, userId, ct);
        var isNew = member is null;
        if (member is null)
        {
            if (limits.Members(count) is { } full) return Refused(full);
            member = change.Db.PlanMembers.Add(
                new PlanMember { PlanId = planId, UserId = userId, Role = invitation.Role, AddedAt = change.Now }).Entity;
            change.Edit.RecordMember("member.added", null, new MemberRow(userId, member.Role));
        }
        else if (PlanAccess.Rank(invitation.Role) > PlanAccess.Rank(member.Role))
        {
            var before = new MemberRow(userId, member.Role);
            member.Role = invitation.Role;
            change.Edit.RecordMember("member.updated", before, new MemberRow(userId, member.Role));
        }
        else
        {
            // Their role rose since it was read (another invitation, the owner): the plan has nothing to change after all.
            var kept = member.Role;
            await change.DisposeAsync();
            return await UseUpAsync(invitation, userId, kept, ct);
        }

        await change.SaveAsync(ct);
        if (await MarkAcceptedAsync(invitation.Id, userId, change.Now, ct) == 0) return await NowUnusableAsync(invitation.Id, ct);
        audit.Record("plan.invitation_accepted", AuditSeverity.Info, true, userId, "plan_invitation", InvitationsApi.Text(invitation.Id),
            new { planId, role = LowercaseEnum.Name(member.Role) });
        var answer = new AcceptedInvitationResponse(planId, member.Role);
        await change.CommitAsync(isNew ? "member.added" : "member.updated", TypedResults.Ok(answer), ct,
            undoable: false);
        return new Acceptance(answer, null);
    }

    /// A member whose role is already as high: nothing about the plan changes, but the link is used up all the same.
    private async Task<Acceptance> UseUpAsync(PlanInvitation invitation, int userId, MemberRole role, CancellationToken ct)
    {
        var now = clock.StoredNow();
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (await MarkAcceptedAsync(invitation.Id, userId, now, ct) == 0) return await NowUnusableAsync(invitation.Id, ct);
        audit.Record("plan.invitation_accepted", AuditSeverity.Info, true, userId, "plan_invitation", InvitationsApi.Text(invitation.Id),
            new { planId = invitation.PlanId, role = LowercaseEnum.Name(role), unchanged = true });
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return new Acceptance(new AcceptedInvitationResponse(invitation.PlanId, role), null);
    }

    /// The conditional update that makes an invitation one-time: it matches only while the invitation is pending.
    private Task<int> MarkAcceptedAsync(int invitationId, int userId, DateTime now, CancellationToken ct) =>
        db.PlanInvitations
            .Where(i => i.Id == invitationId && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedBy, userId), ct);

    /// Another request used, revoked or outlived the invitation since it was read: say which, as a fresh read would.
    private async Task<Acceptance> NowUnusableAsync(int invitationId, CancellationToken ct)
    {
        var now = await db.PlanInvitations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == invitationId, ct);
        return Refused(Unusable(now, clock.StoredNow()) ?? Problems.Gone("This invitation has already been used."));
    }

    private static Acceptance Refused(ProblemHttpResult problem) => new(null, problem);
}

using Unbuilt.Data.Plans;

namespace Unbuilt.Plans.Api;

/// POST /api/plans: a plan from one of my search results (the template by the result's category unless named), or,
/// without a searchResultId, a plan of my own named by title: blank (one phase, "Tasks") or from the named template.
public sealed record CreatePlanRequest(int? SearchResultId, string? TemplateId, string? Title, string? Description);

/// PATCH /api/plans/{id}: any subset.
public sealed record UpdatePlanRequest(string? Title, string? Description, PlanStatus? Status)
{
    public bool IsEmpty => Title is null && Description is null && Status is null;
}

public sealed record AddMemberRequest(string? Email, MemberRole? Role);

/// The answer to adding a member, the same whether or not an account uses the email (MembersApi.Add).
public sealed record MemberAddedResponse(string Email, MemberRole Role, string Detail);

public sealed record MemberResponse(int UserId, string Email, string DisplayName, MemberRole Role, DateTime AddedAt);

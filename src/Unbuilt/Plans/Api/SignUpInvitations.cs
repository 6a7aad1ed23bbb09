using Microsoft.AspNetCore.Http.HttpResults;
using Unbuilt.Accounts;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Changes;

namespace Unbuilt.Plans.Api;

/// Sign-up with an invitation (Accounts/ISignUpInvitations), accepted as the accept route accepts one.
public sealed class SignUpInvitations(InvitationAcceptance acceptance) : ISignUpInvitations
{
    public Task<PlanInvitation?> FindAsync(string token, CancellationToken ct) => acceptance.FindAsync(token, ct);

    public ProblemHttpResult? Unusable(PlanInvitation? invitation) => acceptance.Unusable(invitation);

    public async Task<ProblemHttpResult?> AcceptAsync(HttpContext http, PlanInvitation invitation, int userId, string email,
        CancellationToken ct) =>
        (await acceptance.AcceptAsync(http, invitation, userId, email, ct)).Problem;
}

public static class SignUpInvitationsSetup
{
    /// The sign-up's side of invitations: accepting, and running the sign-up endpoint as a plan change (its ETag
    /// left out: the answer is the account, not the plan).
    public static WebApplicationBuilder AddSignUpInvitations(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ISignUpInvitations, SignUpInvitations>();
        builder.Services.AddSingleton(new SignUpConvention(signUp => signUp.WithPlanChanges(etag: false)));
        return builder;
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Unbuilt.Data.Plans;

namespace Unbuilt.Accounts;

/// A sign-up that brings an invitation: the new account joins the invitation's plan in the sign-up's transaction.
/// Declared here and implemented by plan sharing (Plans/Api/SignUpInvitations), so accounts know nothing of plans.
public interface ISignUpInvitations
{
    /// The invitation the token (from its link) names, or null for none.
    Task<PlanInvitation?> FindAsync(string token, CancellationToken ct);

    /// Null when <paramref name="invitation"/> may be accepted now; otherwise why not (unknown, revoked, used, expired).
    ProblemHttpResult? Unusable(PlanInvitation? invitation);

    /// Makes the new account (<paramref name="userId"/>, <paramref name="email"/>) a member with the invitation's role,
    /// saving and committing what the sign-up wrote with it; null when it did, else the problem that stopped it (and
    /// the caller, which opened the transaction, takes the account back by not committing).
    Task<ProblemHttpResult?> AcceptAsync(HttpContext http, PlanInvitation invitation, int userId, string email, CancellationToken ct);
}

/// What another feature adds to the sign-up endpoint when it is mapped. Plan sharing adds its plan-change retries:
/// a sign-up that joins a plan runs again, account and all, when another change to that plan committed between
/// its reads and its write.
public sealed record SignUpConvention(Action<RouteHandlerBuilder> Apply);

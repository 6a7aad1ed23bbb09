using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Api;
using Unbuilt.Audit;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;
using Unbuilt.Data.Plans;
using Unbuilt.Settings;

namespace Unbuilt.Accounts;

/// POST /api/auth/signup: the invitation's token (from its link) is needed when sign-up is by invitation only.
public sealed record SignUpRequest(string? Email, string? DisplayName, string? Password, string? Invitation);

public sealed record SignUpModeResponse(SignUpMode Mode);

/// Self-service accounts, as `Unbuilt:Accounts:SignUp` allows: open to anyone, by invitation only, or closed. A new
/// account is a free user, signed in at once as by login. Unlike sharing and invitations, sign-up cannot hide whether
/// an email is taken (it must refuse a second account for it); the login rate limit bounds how fast anyone can ask.
public static class SignUpApi
{
    public static void MapSignUp(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Accounts");
        // For the sign-in page: whether to offer sign-up, and whether it needs an invitation.
        auth.MapGet("/signup", (UnbuiltOptions options) => TypedResults.Ok(new SignUpModeResponse(options.Accounts.SignUpMode)))
            .AllowAnonymous();
        // Rate-limited like login. A sign-up with an invitation joins its plan, so plan sharing has it retry like any
        // plan change (SignUpConvention).
        var signUp = auth.MapPost("/signup", SignUp).RequireRateLimiting(RateLimits.LoginPolicy).AllowAnonymous();
        foreach (var convention in app.ServiceProvider.GetServices<SignUpConvention>()) convention.Apply(signUp);
    }

    private static async Task<Results<Created<MeResponse>, ValidationProblem, ProblemHttpResult>> SignUp(
        SignUpRequest request, HttpContext http, UnbuiltOptions options, UserAccounts accounts, UserSessions sessions,
        DeviceCookies devices, ISignUpInvitations invitations, AuditLog audit, UnbuiltDbContext db, CancellationToken ct)
    {
        var mode = options.Accounts.SignUpMode;
        if (mode == SignUpMode.Closed) return Problems.Forbidden("Sign-up is closed; ask an administrator for an account.");
        if (mode == SignUpMode.Invite && string.IsNullOrEmpty(request.Invitation))
            return Problems.Forbidden("Sign-up is by invitation only; open the link of an invitation you were sent.");

        var displayName = request.DisplayName?.Trim();
        var errors = UserAccounts.Validate(request.Email, request.Password).Required("displayName", displayName, 100);
        if (errors.Any) return errors.ToProblem();

        var email = UserAccounts.NormalizeEmail(request.Email!);
        PlanInvitation? invitation = null;
        if (!string.IsNullOrEmpty(request.Invitation))
        {
            invitation = await invitations.FindAsync(request.Invitation, ct);
            if (invitations.Unusable(invitation) is { } unusable) return Refused(mode, unusable);
            // Checked before the account exists, so a sign-up the invitation refuses leaves nothing behind.
            if (invitation!.Email is { } invited && invited != email)
                return Problems.Forbidden($"This invitation is for {invited}; sign up with that email to accept it.");
        }
        if (await accounts.FindByEmailAsync(email, ct) is not null) return EmailTaken();

        // The account, its session and, with an invitation, its membership commit together: a sign-up the invitation
        // refuses (used up meanwhile, the plan full) creates no account, so by-invitation-only cannot be sidestepped.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        User user;
        try
        {
            user = await accounts.CreateAsync(email, request.Password!, Tier.Free, Role.User, displayName,
                emailTrusted: false, ct); // nobody checked the address: email-domain segments ignore it
        }
        catch (Exception e) when (e is DbUpdateException or AccountException)
        {
            return EmailTaken(); // a concurrent sign-up took the email first (the input was checked above)
        }
        var secret = sessions.Start(user, http);
        audit.Record("auth.signup", AuditSeverity.Info, true, user.Id, "user",
            user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { email, invitation = invitation?.Id });
        if (invitation is not null)
        {
            // Saves and commits everything above with the membership (the change takes over this transaction).
            if (await invitations.AcceptAsync(http, invitation, user.Id, user.Email, ct) is { } problem) return Refused(mode, problem);
            http.Response.Headers.Remove("ETag"); // the plan's version; this answer is the account
        }
        await db.SaveChangesAsync(ct);
        if (db.Database.CurrentTransaction is { } open) await open.CommitAsync(ct);

        await AuthApi.SignInAsync(http, user, secret, devices);
        return TypedResults.Created("/api/me", user.AsMe());
    }

    /// An invitation that cannot be used (unknown, revoked, expired, used): as the accept route says, or, where it was
    /// the only way in, the refusal of sign-up itself with the reason.
    private static ProblemHttpResult Refused(SignUpMode mode, ProblemHttpResult problem) =>
        mode == SignUpMode.Invite && problem.StatusCode is StatusCodes.Status404NotFound or StatusCodes.Status410Gone
            ? Problems.Forbidden($"Sign-up is by invitation only. {problem.ProblemDetails.Detail}")
            : problem;

    private static ProblemHttpResult EmailTaken() =>
        Problems.Conflict("An account already uses this email; sign in instead.");
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Api;
using Unbuilt.Audit;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;
using Unbuilt.Data.Configurations;

namespace Unbuilt.Accounts;

/// <param name="EmailTrusted">The address is known to be the user's (an admin made the account or vouched for it);
/// only a trusted address counts for an email-domain segment.</param>
public sealed record AdminUserResponse(int Id, string Email, string DisplayName, Tier Tier, Role Role, DateTime CreatedAt,
    bool Disabled, bool EmailTrusted);

/// PATCH /api/admin/users/{id}: any of tier, role, disabled and emailTrusted (vouch for the address, or withdraw).
public sealed record UpdateUserRequest(Tier? Tier, Role? Role, bool? Disabled, bool? EmailTrusted = null);

/// POST /api/admin/users: tier defaults to free, role to user, displayName to the part of the email before @.
public sealed record CreateUserRequest(string? Email, string? Password, string? DisplayName, Tier? Tier, Role? Role);

public static class AdminUsersApi
{
    public static void MapAdminUsers(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/admin/users").RequireAuthorization(AccountsSetup.AdminPolicy).WithTags("Admin");
        users.MapGet("/", List);
        users.MapPost("/", Create);
        users.MapPatch("/{id:int}", Update);
    }

    private static AdminUserResponse AsAdminUser(this User u) => new(u.Id, u.Email, u.DisplayName, u.Tier, u.Role, u.CreatedAt,
        u.DisabledAt is not null, u.EmailTrusted);

    private static async Task<Ok<List<AdminUserResponse>>> List(UnbuiltDbContext db, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync(ct);
        return TypedResults.Ok(users.Select(AsAdminUser).ToList());
    }

    private static async Task<Results<Created<AdminUserResponse>, ProblemHttpResult, ValidationProblem>> Create(
        CreateUserRequest request, HttpContext http, UserAccounts accounts, UnbuiltDbContext db, AuditLog audit, CancellationToken ct)
    {
        var errors = UserAccounts.Validate(request.Email, request.Password).Optional("displayName", request.DisplayName, 100);
        if (errors.Any) return errors.ToProblem();
        if (await accounts.FindByEmailAsync(request.Email!, ct) is { } existing) return DuplicateEmail(existing.Email);

        // The user and its audit row commit together: the row names the new id, so it needs a transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        User user;
        try
        {
            user = await accounts.CreateAsync(request.Email!, request.Password!, request.Tier ?? Tier.Free,
                request.Role ?? Role.User, request.DisplayName, emailTrusted: true, ct);
        }
        catch (DbUpdateException)
        {
            return DuplicateEmail(UserAccounts.NormalizeEmail(request.Email!)); // a concurrent request took the email first
        }
        audit.Record("admin.user_created", AuditSeverity.Info, true, http.User.UserId(), "user",
            user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { user.Email, tier = LowercaseEnum.Name(user.Tier), role = LowercaseEnum.Name(user.Role) });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/admin/users/{user.Id}", user.AsAdminUser());
    }

    private static ProblemHttpResult DuplicateEmail(string email) => Problems.Conflict($"A user with email {email} already exists.");

    private static async Task<Results<Ok<AdminUserResponse>, ProblemHttpResult, ValidationProblem>> Update(
        int id, UpdateUserRequest request, HttpContext http, UnbuiltDbContext db, AuditLog audit, SignedInUsers signedIn,
        UserAccounts accounts, UserSessions sessions, IAccessChanges access, CancellationToken ct)
    {
        if (request.Tier is null && request.Role is null && request.Disabled is null && request.EmailTrusted is null)
            return new FieldErrors().Add("tier", "Send tier, role, disabled and/or emailTrusted.").ToProblem();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return Problems.NotFound($"There is no user {id}.");
        if (request.Disabled == true && id == http.User.UserId())
            return Problems.Conflict("You cannot disable your own account; ask another admin.");
        if (request.Role == Role.User && user.Role == Role.Admin &&
            await db.Users.CountAsync(u => u.Role == Role.Admin, ct) == 1)
            return Problems.Conflict("This is the last admin; make another admin first.");

        var before = new { user.Tier, user.Role, Disabled = user.DisabledAt is not null, user.EmailTrusted };
        user.Tier = request.Tier ?? user.Tier;
        user.Role = request.Role ?? user.Role;
        user.EmailTrusted = request.EmailTrusted ?? user.EmailTrusted;
        // The user's row and the end of their sessions commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (request.Disabled is { } disabled) await accounts.SetDisabledAsync(user, disabled, sessions, ct);
        audit.Record("admin.user_updated", AuditSeverity.Info, true, http.User.UserId(), "user",
            id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { before, after = new { user.Tier, user.Role, Disabled = user.DisabledAt is not null, user.EmailTrusted } });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signedIn.Forget(id);
        access.UserChanged(id); // a disabled user's live connections close; a demoted admin's leave the admins group
        return TypedResults.Ok(user.AsAdminUser());
    }
}

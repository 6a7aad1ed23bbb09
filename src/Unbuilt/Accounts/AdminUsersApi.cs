using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;
using Unbuilt.Monitoring;

namespace Unbuilt.Accounts;

public sealed record AdminUserResponse(int Id, string Email, string DisplayName, Tier Tier, Role Role, DateTime CreatedAt);

public sealed record UpdateUserRequest(Tier? Tier, Role? Role);

public static class AdminUsersApi
{
    public static void MapAdminUsers(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/admin/users").RequireAuthorization(AccountsSetup.AdminPolicy).WithTags("Admin");
        users.MapGet("/", List);
        users.MapPatch("/{id:int}", Update);
    }

    private static AdminUserResponse AsAdminUser(this User u) => new(u.Id, u.Email, u.DisplayName, u.Tier, u.Role, u.CreatedAt);

    private static async Task<Ok<List<AdminUserResponse>>> List(UnbuiltDbContext db, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync(ct);
        return TypedResults.Ok(users.Select(AsAdminUser).ToList());
    }

    private static async Task<Results<Ok<AdminUserResponse>, ProblemHttpResult, ValidationProblem>> Update(
        int id, UpdateUserRequest request, HttpContext http, UnbuiltDbContext db, AuditLog audit, CancellationToken ct)
    {
        if (request.Tier is null && request.Role is null)
            return new FieldErrors().Add("tier", "Send tier and/or role.").ToProblem();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return Problems.NotFound($"There is no user {id}.");
        if (request.Role == Role.User && user.Role == Role.Admin &&
            await db.Users.CountAsync(u => u.Role == Role.Admin, ct) == 1)
            return Problems.Conflict("This is the last admin; make another admin first.");

        var before = new { user.Tier, user.Role };
        user.Tier = request.Tier ?? user.Tier;
        user.Role = request.Role ?? user.Role;
        audit.Record("admin.user_updated", AuditSeverity.Info, true, http.User.UserId(), "user",
            id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { before, after = new { user.Tier, user.Role } });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(user.AsAdminUser());
    }
}

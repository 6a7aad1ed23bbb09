using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Accounts;

/// Creating users and checking passwords: shared by the API, the CLI and first start.
public sealed class UserAccounts(UnbuiltDbContext db, IPasswordHasher<User> hasher, TimeProvider clock)
{
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// The email's shape and the password policy, for every way an account is made.
    public static FieldErrors Validate(string? email, string? password) =>
        new FieldErrors().Email("email", email, required: true).CheckPassword("password", password);

    /// <param name="emailTrusted">The address is known to be the user's (an admin made the account); false for a
    /// self-service sign-up.</param>
    public async Task<User> CreateAsync(string email, string password, Tier tier, Role role,
        string? displayName, bool emailTrusted, CancellationToken ct)
    {
        var errors = Validate(email, password);
        if (errors.Any) throw new AccountException(string.Join(" ", errors.ToDictionary().Values.SelectMany(v => v)));
        var normalized = NormalizeEmail(email);
        if (await db.Users.AnyAsync(u => u.Email == normalized, ct))
            throw new AccountException($"A user with email {normalized} already exists.");
        var user = new User
        {
            Email = normalized,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? normalized.Split('@')[0] : displayName.Trim(),
            Tier = tier,
            Role = role,
            PasswordHash = "",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            EmailTrusted = emailTrusted,
        };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user;
    }

    public Task<User?> FindByEmailAsync(string email, CancellationToken ct)
    {
        var normalized = NormalizeEmail(email);
        return db.Users.FirstOrDefaultAsync(u => u.Email == normalized, ct);
    }

    /// Checks a password; a missing user still costs one hash, so timing does not reveal which emails exist.
    public bool VerifyPassword(User? user, string password)
    {
        if (user is null)
        {
            hasher.VerifyHashedPassword(TimingDummy, TimingDummyHash, password);
            return false;
        }
        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            user.PasswordHash = hasher.HashPassword(user, password);
        return result != PasswordVerificationResult.Failed;
    }

    public void SetPassword(User user, string password) => user.PasswordHash = hasher.HashPassword(user, password);

    /// Disables or enables <paramref name="user"/> (tracked; the caller saves). Disabling ends their sessions here and
    /// now; their API tokens are refused for as long as the user stays disabled.
    public async Task SetDisabledAsync(User user, bool disabled, UserSessions sessions, CancellationToken ct)
    {
        user.DisabledAt = disabled ? user.DisabledAt ?? clock.GetUtcNow().UtcDateTime : null;
        if (disabled) await sessions.RevokeAsync(user.Id, keep: null, only: null, ct);
    }

    public static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(char.IsWhiteSpace);
    }

    private static readonly User TimingDummy = new() { Email = "", DisplayName = "", PasswordHash = "" };
    private static readonly string TimingDummyHash = new PasswordHasher<User>().HashPassword(TimingDummy, "not a password");
}

public sealed class AccountException(string message) : Exception(message);

public static class EmailFields
{
    /// An email address: at most 254 characters, one @ with text on both sides, no spaces. When not
    /// <paramref name="required"/>, it may be left out (null), but not sent blank.
    public static FieldErrors Email(this FieldErrors errors, string field, string? email, bool required)
    {
        if (!required && email is null) return errors;
        if (!required && string.IsNullOrWhiteSpace(email)) return errors.Add(field, $"{field} must look like name@example.com, or be left out.");
        errors.Required(field, email, 254);
        if (!string.IsNullOrWhiteSpace(email) && email.Length <= 254 && !UserAccounts.LooksLikeEmail(email.Trim()))
            errors.Add(field, $"{field} must look like name@example.com.");
        return errors;
    }
}

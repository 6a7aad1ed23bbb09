using Unbuilt.Api;

namespace Unbuilt.Accounts;

/// What a new password must be, wherever one is set (sign-up, a password change, the admin API, `unbuilt users
/// create`): long, and not one everybody tries first. Length is what makes a password hard to guess, so there are no
/// rules about which kinds of characters it holds; a list of common passwords catches the long ones that are guessed
/// anyway ("password1234"). Signing in checks none of this: it only compares with the stored hash.
public static class PasswordPolicy
{
    public const int MinLength = 12;

    /// Hashing costs the same for any length, but a bound keeps a request's work bounded too.
    public const int MaxLength = 1000;

    public const string ResourceName = "Unbuilt.Accounts.common-passwords.txt";

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    /// Adds to <paramref name="errors"/>, under <paramref name="field"/>, why <paramref name="password"/> may not be used.
    public static FieldErrors CheckPassword(this FieldErrors errors, string field, string? password) =>
        Problem(field, password) is { } problem ? errors.Add(field, problem) : errors;

    /// Why <paramref name="password"/> may not be used, in words that name <paramref name="field"/>; null when it may.
    public static string? Problem(string field, string? password)
    {
        if (string.IsNullOrEmpty(password)) return $"{field} is required.";
        if (string.IsNullOrWhiteSpace(password)) return $"{field} must not be only spaces.";
        if (password.Length > MaxLength) return $"{field} must be at most {MaxLength} characters.";
        // Spaces at the ends are easy to add and add nothing to guess; a character outside the BMP counts once.
        var trimmed = password.Trim();
        if (trimmed.EnumerateRunes().Count() < MinLength)
            return $"{field} must be at least {MinLength} characters, not counting spaces at its ends.";
        if (IsCommon(trimmed))
            return $"{field} is one of the most common passwords, which are guessed first; choose another (a few unrelated words make a good one).";
        return null;
    }

    /// Whether <paramref name="password"/> is on the shipped list, ignoring case.
    public static bool IsCommon(string password) => Common.Value.Contains(password);

    public static int CommonCount => Common.Value.Count;

    private static HashSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var common = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) common.Add(line);
        return common;
    }
}

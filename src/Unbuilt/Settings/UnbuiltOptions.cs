using Unbuilt.Api;

namespace Unbuilt.Settings;

/// The `Unbuilt` configuration section (environment: `Unbuilt__DataDirectory`, …).
public sealed class UnbuiltOptions
{
    public const string Section = "Unbuilt";

    /// Where the SQLite database and admin.token live. Relative paths start at the working directory.
    public string DataDirectory { get; set; } = "./data";

    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    public RateLimitOptions RateLimits { get; set; } = new();

    /// How long a signed-in user's role and tier, read from the database, count before a cookie request reads them
    /// again (0: on every request). A change through the admin API counts at once on the node that made it.
    public int UserRefreshSeconds { get; set; } = 1;

    public SessionLifetimeOptions Sessions { get; set; } = new();

    public AccountOptions Accounts { get; set; } = new();

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}

/// `Unbuilt:Sessions`: how long a browser stays signed in.
public sealed class SessionLifetimeOptions
{
    /// A session unused for this long ends (its last use is recorded at most once a minute).
    public int IdleMinutes { get; set; } = 720;

    /// A session ends this long after sign-in, however active it is.
    public int AbsoluteDays { get; set; } = 14;

    /// How long a cookie's decrypted ticket is kept, by the cookie's exact text, so the same cookie is not decrypted
    /// on every request (0: decrypt every time). The session behind it is checked as before (`UserRefreshSeconds`).
    public int TicketCacheSeconds { get; set; } = 60;

    /// At most this many cookies' tickets are kept at once.
    public int TicketCacheSize { get; set; } = 10_000;

    public TimeSpan Idle => TimeSpan.FromMinutes(IdleMinutes);

    public TimeSpan Absolute => TimeSpan.FromDays(AbsoluteDays);

    public static bool IsValid(SessionLifetimeOptions o) =>
        o.IdleMinutes is >= 1 and <= 60 * 24 * 366 && o.AbsoluteDays is >= 1 and <= 3660 && o.Idle <= o.Absolute
        && o.TicketCacheSeconds is >= 0 and <= 3600 && o.TicketCacheSize is >= 0 and <= 1_000_000;
}

/// Who may make an account without an administrator.
public enum SignUpMode { Open, Invite, Closed }

/// `Unbuilt:Accounts`: self-service sign-up and invitation links.
public sealed class AccountOptions
{
    /// `open` (anyone may sign up), `invite` (only with a pending invitation's token) or `closed` (accounts come from an
    /// administrator). Text rather than the enum, so a wrong value stops the start with a message in these words
    /// instead of the configuration binder's.
    public string SignUp { get; set; } = "open";

    /// How long an invitation link stays usable.
    public int InvitationDays { get; set; } = 7;

    public SignUpMode SignUpMode => ParseMode(SignUp) ?? throw new InvalidOperationException(SignUpMessage);

    public const string SignUpMessage = "Unbuilt:Accounts:SignUp must be open, invite or closed.";

    public const string InvitationDaysMessage = "Unbuilt:Accounts:InvitationDays must be from 1 to 365.";

    public static bool IsValidSignUp(AccountOptions o) => ParseMode(o.SignUp) is not null;

    public static bool IsValidInvitationDays(AccountOptions o) => o.InvitationDays is >= 1 and <= 365;

    private static SignUpMode? ParseMode(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "open" => SignUpMode.Open,
        "invite" => SignUpMode.Invite,
        "closed" => SignUpMode.Closed,
        _ => null,
    };
}

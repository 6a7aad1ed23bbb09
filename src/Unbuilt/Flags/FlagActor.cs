using System.Security.Claims;
using Unbuilt.Accounts;

namespace Unbuilt.Flags;

/// Who changed a flag, as history shows it: a signed-in user (by email, plus the client when it says, e.g.
/// "admin@x (cli)"), or a background actor such as the rollout guard.
public sealed record FlagActor(int? UserId, string Name)
{
    /// A client may name itself in this header (the CLI sends `cli`), so history can tell CLI changes apart.
    public const string ClientHeader = "X-Unbuilt-Client";

    public static FlagActor Guard { get; } = new(null, "guard");

    /// A scheduled rollout taking its next step by itself.
    public static FlagActor Schedule { get; } = new(null, "schedule");

    public static FlagActor From(HttpContext http)
    {
        var email = http.User.FindFirstValue(ClaimTypes.Email) ?? "unknown";
        var client = http.Request.Headers[ClientHeader].ToString();
        var name = IsClientName(client) ? $"{email} ({client})" : email;
        return new FlagActor(http.User.UserId(), name);
    }

    private static bool IsClientName(string client) =>
        client.Length is > 0 and <= 30 && client.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}

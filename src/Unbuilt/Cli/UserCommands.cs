using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Unbuilt.Accounts;
using Unbuilt.Audit;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;
using Unbuilt.Data.Configurations;

namespace Unbuilt.Cli;

/// `unbuilt users create | token | list | set-tier | set-role | disable | enable | trust-email | distrust-email`, straight on the database.
public static class UserCommands
{
    public static Command Create()
    {
        var users = new Command("users", "Accounts: create users, issue API tokens, change tier and role");
        users.Subcommands.Add(CreateUser());
        users.Subcommands.Add(Token());
        users.Subcommands.Add(List());
        users.Subcommands.Add(SetEnum<Tier>("set-tier", "tier", (user, tier) => user.Tier = tier));
        users.Subcommands.Add(SetEnum<Role>("set-role", "role", (user, role) => user.Role = role));
        users.Subcommands.Add(SetDisabled("disable", true));
        users.Subcommands.Add(SetDisabled("enable", false));
        users.Subcommands.Add(SetEmailTrusted("trust-email", true));
        users.Subcommands.Add(SetEmailTrusted("distrust-email", false));
        return users;
    }

    private static Command CreateUser()
    {
        var email = new Option<string>("--email") { Description = "Sign-in email", Required = true };
        var password = new Option<string>("--password") { Description = $"At least {PasswordPolicy.MinLength} characters, not a common password", Required = true };
        var tier = new Option<string>("--tier") { Description = "free | pro | enterprise", DefaultValueFactory = _ => "free" };
        var admin = new Option<bool>("--admin") { Description = "Make the user an admin" };
        var name = new Option<string?>("--name") { Description = "Display name (default: the part of the email before @)" };
        var command = new Command("create", "Create a user") { email, password, tier, admin, name };
        OnDatabase(command, async (services, parse, ct) =>
        {
            var accounts = services.GetRequiredService<UserAccounts>();
            var user = await accounts.CreateAsync(parse.GetValue(email)!, parse.GetValue(password)!,
                ParseEnum<Tier>(parse.GetValue(tier), "tier"), parse.GetValue(admin) ? Role.Admin : Role.User,
                parse.GetValue(name), emailTrusted: true, ct);
            CliOutput.Ok($"Created user {user.Id}: {user.Email} ({LowercaseEnum.Name(user.Tier)}, {LowercaseEnum.Name(user.Role)})");
            return 0;
        });
        return command;
    }

    private static Command Token()
    {
        var email = new Argument<string>("email") { Description = "Whose token" };
        var name = new Option<string>("--name") { Description = "A label for the token", DefaultValueFactory = _ => "cli" };
        var command = new Command("token", "Issue an API token for a user; the token is the last line of stdout") { email, name };
        OnDatabase(command, async (services, parse, ct) =>
        {
            var user = await Find(services, parse.GetValue(email)!, ct);
            var (_, secret) = await services.GetRequiredService<ApiTokenIssuer>().IssueAsync(user.Id, parse.GetValue(name)!, null, ct);
            Console.Error.WriteLine($"API token for {user.Email} (shown once):");
            Console.Out.WriteLine(secret);
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List users");
        OnDatabase(command, async (services, _, ct) =>
        {
            var users = await services.GetRequiredService<UnbuiltDbContext>().Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync(ct);
            var table = new Table().AddColumns("Id", "Email", "Trusted", "Name", "Tier", "Role", "Created");
            foreach (var u in users)
                table.AddRow(u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(u.Email), u.EmailTrusted ? "yes" : "no",
                    Markup.Escape(u.DisplayName), LowercaseEnum.Name(u.Tier), LowercaseEnum.Name(u.Role),
                    u.CreatedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command SetEnum<T>(string verb, string field, Action<User, T> apply) where T : struct, Enum
    {
        var email = new Argument<string>("email");
        var value = new Argument<string>(field) { Description = string.Join(" | ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant())) };
        var command = new Command(verb, $"Change a user's {field}") { email, value };
        OnDatabase(command, async (services, parse, ct) =>
        {
            var parsed = ParseEnum<T>(parse.GetValue(value), field);
            var user = await Find(services, parse.GetValue(email)!, ct);
            apply(user, parsed);
            services.GetRequiredService<AuditLog>().Record($"admin.user_{field}_set", AuditSeverity.Info, true, null,
                "user", user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { actor = "cli", value = LowercaseEnum.Name(parsed) });
            await services.GetRequiredService<UnbuiltDbContext>().SaveChangesAsync(ct);
            CliOutput.Ok($"{user.Email} now has {field} {LowercaseEnum.Name(parsed)}.");
            return 0;
        });
        return command;
    }

    /// A running server sees the change within Unbuilt:UserRefreshSeconds: it reads sessions from the database again
    /// after that, and API tokens on every request.
    private static Command SetDisabled(string verb, bool disabled)
    {
        var email = new Argument<string>("email");
        var command = new Command(verb, disabled
            ? "Disable a user: they cannot sign in, and their sessions and API tokens stop working"
            : "Enable a disabled user again (ended sessions stay ended)") { email };
        OnDatabase(command, async (services, parse, ct) =>
        {
            var db = services.GetRequiredService<UnbuiltDbContext>();
            var user = await Find(services, parse.GetValue(email)!, ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await services.GetRequiredService<UserAccounts>().SetDisabledAsync(user, disabled,
                services.GetRequiredService<UserSessions>(), ct);
            services.GetRequiredService<AuditLog>().Record($"admin.user_{verb}d", AuditSeverity.Info, true, null,
                "user", user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { actor = "cli" });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            CliOutput.Ok($"{user.Email} is now {verb}d.");
            return 0;
        });
        return command;
    }

    /// Vouch for a user's address (or withdraw it): only a trusted address counts for an email-domain segment. A
    /// running server sees it within Unbuilt:UserRefreshSeconds, as with set-tier.
    private static Command SetEmailTrusted(string verb, bool trusted)
    {
        var email = new Argument<string>("email");
        var command = new Command(verb, trusted
            ? "Vouch for a user's email address, so email-domain segments count it (self-service sign-ups start untrusted)"
            : "Withdraw trust in a user's email address: email-domain segments ignore it again") { email };
        OnDatabase(command, async (services, parse, ct) =>
        {
            var user = await Find(services, parse.GetValue(email)!, ct);
            user.EmailTrusted = trusted;
            services.GetRequiredService<AuditLog>().Record("admin.user_email_trust_set", AuditSeverity.Info, true, null,
                "user", user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { actor = "cli", trusted });
            await services.GetRequiredService<UnbuiltDbContext>().SaveChangesAsync(ct);
            CliOutput.Ok(trusted ? $"{user.Email} is trusted: email-domain segments count it."
                : $"{user.Email} is no longer trusted: email-domain segments ignore it.");
            return 0;
        });
        return command;
    }

    private static async Task<User> Find(IServiceProvider services, string email, CancellationToken ct) =>
        await services.GetRequiredService<UserAccounts>().FindByEmailAsync(email, ct)
        ?? throw new CliException($"No user with email {email}.");

    private static T ParseEnum<T>(string? text, string field) where T : struct, Enum =>
        LowercaseEnum.TryParse<T>(text, out var value) ? value
            : throw new CliException($"{field} must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}; got '{text}'.");

    private static void OnDatabase(Command command, Func<IServiceProvider, ParseResult, CancellationToken, Task<int>> action)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => CliOutput.Guard(() =>
            CliHost.RunAsync([.. parse.UnmatchedTokens], services => action(services, parse, ct))));
    }
}

using Microsoft.EntityFrameworkCore;
using Unbuilt.Accounts;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;
using Unbuilt.Settings;

namespace Unbuilt.Hosting;

/// On an empty database: an admin account and an admin API token, printed once and kept in {data}/admin.token so
/// CLI verbs on this machine need no token. With --demo, one user per tier as well.
public sealed class FirstStart(UnbuiltDbContext db, UserAccounts accounts, ApiTokenIssuer tokens, UnbuiltOptions options)
{
    public const string AdminEmail = "admin@unbuilt.local";

    public static string TokenFilePath(string dataDirectory) => Path.Combine(dataDirectory, "admin.token");

    public async Task RunAsync(bool demo, TextWriter output, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(ct)) await CreateAdminAsync(output, ct);
        if (demo) await CreateDemoUsersAsync(output, ct);
    }

    private async Task CreateAdminAsync(TextWriter output, CancellationToken ct)
    {
        var password = TokenSecrets.RandomValue(12);
        var admin = await accounts.CreateAsync(AdminEmail, password, Tier.Enterprise, Role.Admin, "Admin", emailTrusted: true, ct);
        var (_, secret) = await tokens.IssueAsync(admin.Id, "first start", null, ct);
        var tokenFile = TokenFilePath(options.FullDataDirectory);
        WriteSecretFile(tokenFile, secret);
        await output.WriteLineAsync($"""

            First start: created the admin account (shown once, keep it safe).
              login:     {AdminEmail}
              password:  {password}
              API token: {secret}
              (the token is also in {tokenFile}, readable only by you; CLI verbs use it)

            """);
    }

    private async Task CreateDemoUsersAsync(TextWriter output, CancellationToken ct)
    {
        foreach (var tier in Enum.GetValues<Tier>())
        {
            var email = $"{tier.ToString().ToLowerInvariant()}@demo.unbuilt.local";
            if (await accounts.FindByEmailAsync(email, ct) is not null) continue;
            var password = "demo-" + TokenSecrets.RandomValue(6);
            await accounts.CreateAsync(email, password, tier, Role.User, $"Demo {tier}", emailTrusted: true, ct);
            await output.WriteLineAsync($"Demo user ({tier}): {email} / {password}");
        }
    }

    public static void WriteSecretFile(string path, string secret)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, fileOptions))
        using (var writer = new StreamWriter(stream))
            writer.WriteLine(secret);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}

using System.CommandLine;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Unbuilt.Accounts;
using Unbuilt.Data;

namespace Unbuilt.Cli;

/// `unbuilt keys status | rotate [--yes]`: the keys that sign cookies, stored in the database and sealed with the
/// key-encryption key (KeyRing).
public static class KeyCommands
{
    public static Command Create()
    {
        var keys = new Command("keys", "Cookie-signing keys: list them, or replace them all");
        keys.Subcommands.Add(Status());
        keys.Subcommands.Add(Rotate());
        return keys;
    }

    private static Command Status()
    {
        var command = new Command("status", "List the cookie-signing keys: dates, revoked or not, sealed or stored in the clear");
        OnKeyRing(command, async (services, _, ct) =>
        {
            var rows = await ClearRowsAsync(services, ct);
            var table = new Table().AddColumns("Key", "Created", "Expires", "State", "Stored");
            foreach (var key in services.GetRequiredService<IKeyManager>().GetAllKeys().OrderBy(k => k.CreationDate))
                table.AddRow(key.KeyId.ToString(), key.CreationDate.UtcDateTime.ToString("u"), key.ExpirationDate.UtcDateTime.ToString("u"),
                    key.IsRevoked ? "[red]revoked[/]" : "[green]active[/]",
                    rows.Contains(key.KeyId) ? "[red]in the clear[/]" : "sealed");
            AnsiConsole.Write(table);
            if (rows.Count > 0)
                AnsiConsole.MarkupLine("[yellow]A key stored in the clear predates sealed keys: run `unbuilt keys rotate --yes` to replace it.[/]");
            return 0;
        });
        return command;
    }

    private static Command Rotate()
    {
        var yes = new Option<bool>("--yes") { Description = "Do it (without it, only say what would happen)" };
        var command = new Command("rotate",
            "Revoke every cookie-signing key, delete those stored in the clear and make a new sealed one; everyone signs in again") { yes };
        OnKeyRing(command, async (services, parse, ct) =>
        {
            var manager = services.GetRequiredService<IKeyManager>();
            var existing = manager.GetAllKeys().Count;
            var clear = await ClearRowsAsync(services, ct);
            if (!parse.GetValue(yes))
            {
                AnsiConsole.MarkupLine($"Would revoke {existing} key(s), delete {clear.Count} stored in the clear and create a new sealed key. " +
                    "Every browser would have to sign in again. Add [bold]--yes[/] to do it.");
                return 0;
            }
            var now = DateTimeOffset.UtcNow;
            manager.RevokeAllKeys(now, "replaced by unbuilt keys rotate");
            var key = manager.CreateNewKey(now, now.AddDays(90));
            var db = services.GetRequiredService<UnbuiltDbContext>();
            var deleted = 0;
            foreach (var row in await db.DataProtectionKeys.ToListAsync(ct))
                if (KeyIdOf(row) is { } id && clear.Contains(id))
                {
                    db.DataProtectionKeys.Remove(row);
                    deleted++;
                }
            await db.SaveChangesAsync(ct);
            CliOutput.Ok($"Revoked {existing} key(s), deleted {deleted} stored in the clear, made key {key.KeyId}. " +
                "Restart every node: each reads the key ring at start, and every browser signs in again.");
            return 0;
        });
        return command;
    }

    /// The ids of keys whose secret is stored in the clear (written before keys were sealed).
    private static async Task<HashSet<Guid>> ClearRowsAsync(IServiceProvider services, CancellationToken ct)
    {
        var rows = await services.GetRequiredService<UnbuiltDbContext>().DataProtectionKeys.AsNoTracking().ToListAsync(ct);
        return [.. rows.Where(r => r.Xml?.Contains("<masterKey", StringComparison.Ordinal) == true).Select(KeyIdOf).OfType<Guid>()];
    }

    /// The store names each row `key-{id}`.
    private static Guid? KeyIdOf(DataProtectionKey row) =>
        row.FriendlyName is { } name && Guid.TryParse(name.Replace("key-", "", StringComparison.Ordinal), out var id) ? id : null;

    private static void OnKeyRing(Command command, Func<IServiceProvider, ParseResult, CancellationToken, Task<int>> action)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => CliOutput.Guard(() => CliHost.RunAsync([.. parse.UnmatchedTokens],
            services => action(services, parse, ct),
            builder => builder.Services.AddDataProtection().SetApplicationName("unbuilt")
                .PersistKeysToDbContext<UnbuiltDbContext>().AddKeyRing(builder.Configuration))));
    }
}

using Microsoft.EntityFrameworkCore;
using Unbuilt.Data.Accounts;
using Unbuilt.Tests.Accounts;

namespace Unbuilt.Tests.Cli;

/// An installation upgraded from a build that stored its cookie-signing key in the clear replaces it with
/// `unbuilt keys rotate --yes`: afterwards the database holds no key a copy of it could sign with.
[Collection(nameof(CliCollection))]
public sealed class KeyCommandsTests(LegacyKeyServer server) : IntegrationTest<LegacyKeyServer>(server)
{
    private Task<CliRunner.Result> Unbuilt(params string[] args) => CliRunner.RunAsync([.. args,
        $"--Database:Provider={Server.Database.Provider}",
        $"--ConnectionStrings:Default={Server.Database.ConnectionString}",
        $"--Unbuilt:DataDirectory={Server.Database.DataDirectory}"]);

    private Task<List<string>> KeyRowsAsync() => DbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());

    [Fact]
    public async Task Status_names_the_clear_key_and_rotate_replaces_it_with_a_sealed_one()
    {
        var admin = await Server.CreateUserAsync("root@example.com", role: Role.Admin);
        var cookie = await KeyRingTests.SignInAsync(Server, admin);
        var secret = KeyRingTests.SessionSecretOf(await KeyRowsAsync(), null, cookie);

        var status = await Unbuilt("keys", "status");
        Assert.Equal(0, status.Exit);
        Assert.Contains("in the clear", status.Out, StringComparison.Ordinal);

        var dryRun = await Unbuilt("keys", "rotate");
        Assert.Contains("--yes", dryRun.Out, StringComparison.Ordinal);
        Assert.Contains("<masterKey", Assert.Single(await KeyRowsAsync()), StringComparison.Ordinal); // nothing changed

        var rotated = await Unbuilt("keys", "rotate", "--yes");
        Assert.Equal(0, rotated.Exit);

        var rows = await KeyRowsAsync();
        Assert.DoesNotContain(rows, row => row.Contains("<masterKey", StringComparison.Ordinal));
        Assert.Contains(rows, row => row.Contains("<sealed", StringComparison.Ordinal));
        // Even with a live session's secret, the database alone no longer signs a cookie.
        Assert.Null(KeyRingTests.TryForge(rows, admin.Id, secret, keyEncryptionKey: null));
        Assert.DoesNotContain("in the clear", (await Unbuilt("keys", "status")).Out, StringComparison.Ordinal);
    }
}

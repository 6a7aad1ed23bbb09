using System.Net.Http.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Tests.Accounts;

/// A database from before the key ring was sealed: its key was stored in the clear.
public sealed class LegacyKeyServer : UnbuiltServer
{
    protected override async Task<TestDatabase> CreateDatabaseAsync()
    {
        var database = await base.CreateDatabaseAsync();
        var services = new ServiceCollection();
        services.AddDbContext<UnbuiltDbContext>(o => o.UseUnbuiltDatabase(database.Provider, database.ConnectionString));
        services.AddDataProtection().SetApplicationName("unbuilt").PersistKeysToDbContext<UnbuiltDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UnbuiltDbContext>().Database.MigrateAsync();
        var now = DateTimeOffset.UtcNow;
        provider.GetRequiredService<IKeyManager>().CreateNewKey(now.AddMinutes(-1), now.AddDays(90));
        return database;
    }
}

public sealed class LegacyKeyRingTests(LegacyKeyServer server) : IntegrationTest<LegacyKeyServer>(server)
{
    [Fact]
    public async Task A_key_stored_in_the_clear_before_the_upgrade_still_works_and_so_still_forges_until_it_expires()
    {
        var admin = await Server.CreateUserAsync("root@example.com", role: Role.Admin);
        var cookie = await KeyRingTests.SignInAsync(Server, admin);
        var rows = await DbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());

        Assert.Contains("<masterKey", Assert.Single(rows), StringComparison.Ordinal); // no new key: the old one is current
        // With a live session's secret (kept only hashed in the database), the clear key alone signs a working cookie.
        var forged = KeyRingTests.TryForge(rows, admin.Id, KeyRingTests.SessionSecretOf(rows, null, cookie), keyEncryptionKey: null);
        Assert.NotNull(forged);
        Assert.Equal(200, (int)(await KeyRingTests.AdminUsersWith(Server, forged)).StatusCode);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Unbuilt.Data;
using Unbuilt.Data.Flags;
using Unbuilt.Testing;

namespace Unbuilt.Tests.Data;

/// A model change without a migration fails here, for each provider, whichever database the run uses.
public sealed class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=unused")]
    public void Every_model_change_has_a_migration(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<UnbuiltDbContext>();
        options.UseUnbuiltDatabase(provider, connectionString);
        using var db = new UnbuiltDbContext(options.Options);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes with no {provider} migration: run scripts/add-migration NAME.");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        static List<string> Ids(DatabaseProvider provider, string cs)
        {
            var options = new DbContextOptionsBuilder<UnbuiltDbContext>();
            options.UseUnbuiltDatabase(provider, cs);
            using var db = new UnbuiltDbContext(options.Options);
            return db.Database.GetMigrations().ToList();
        }

        Assert.Equal(Ids(DatabaseProvider.Sqlite, "Data Source=:memory:"), Ids(DatabaseProvider.Postgres, "Host=127.0.0.1"));
    }

    [Fact]
    public async Task Upgrading_gives_flags_already_off_or_fully_on_a_steady_since_from_their_last_change()
    {
        await using var database = await TestDatabase.CreateAsync();
        var options = new DbContextOptionsBuilder<UnbuiltDbContext>();
        options.UseUnbuiltDatabase(database.Provider, database.ConnectionString);
        await using var db = new UnbuiltDbContext(options.Options);
        await db.GetService<IMigrator>().MigrateAsync("20261203143558_TrustedEmails");
        var changed = new DateTime(2026, 10, 1, 12, 0, 0, DateTimeKind.Utc);
        FeatureFlag Flag(string name, bool enabled, int percentage, params string[] tiers) => new()
        {
            Name = name, Enabled = enabled, RolloutPercentage = percentage, AllowedTiers = [.. tiers],
            CreatedAt = changed.AddDays(-30), UpdatedAt = changed,
        };
        db.FeatureFlags.AddRange(Flag("off", false, 0), Flag("off_at_half", false, 50), Flag("full", true, 100),
            Flag("half", true, 50), Flag("full_for_pro", true, 100, "pro"));
        await db.SaveChangesAsync();

        await db.Database.MigrateAsync();

        var steady = await db.FeatureFlags.AsNoTracking().ToDictionaryAsync(f => f.Name, f => f.SteadySince);
        Assert.Equal(changed, steady["off"]);
        Assert.Equal(changed, steady["off_at_half"]);
        Assert.Equal(changed, steady["full"]);
        Assert.Null(steady["half"]);
        Assert.Null(steady["full_for_pro"]);
    }
}

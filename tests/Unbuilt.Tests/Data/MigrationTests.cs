using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;

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
}

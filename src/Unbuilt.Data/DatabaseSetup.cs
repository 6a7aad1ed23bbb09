using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Unbuilt.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// Points a DbContext at SQLite or PostgreSQL, each with its own migrations assembly.
public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "Unbuilt.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Unbuilt.Migrations.Postgres";

    public static DbContextOptionsBuilder UseUnbuiltDatabase(
        this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
            options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
        else
        {
            options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
            var sqlite = new SqliteConnectionStringBuilder(connectionString);
            var inMemory = sqlite.Mode == SqliteOpenMode.Memory || sqlite.DataSource is "" or ":memory:";
            if (!inMemory) options.AddInterceptors(SqliteWriteGate.For(sqlite.DataSource, TimeSpan.FromSeconds(sqlite.DefaultTimeout)));
        }
        return options.UseSnakeCaseNamingConvention();
    }

    public static string SqliteConnectionString(string dataDirectory) =>
        $"Data Source={Path.Combine(dataDirectory, "unbuilt.db")};Foreign Keys=True;Pooling=True";
}

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
            options.UseNpgsql(WithPostgresDefaults(connectionString), npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
        else
        {
            options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
            var sqlite = new SqliteConnectionStringBuilder(connectionString);
            var inMemory = sqlite.Mode == SqliteOpenMode.Memory || sqlite.DataSource is "" or ":memory:";
            if (!inMemory) options.AddInterceptors(SqliteWriteGate.For(sqlite.DataSource, TimeSpan.FromSeconds(sqlite.DefaultTimeout)));
        }
        return options.AddInterceptors(NoSavepoints.Instance).UseSnakeCaseNamingConvention();
    }

    /// Npgsql settings that cut PostgreSQL's CPU per request, unless the connection string sets them: statements EF
    /// runs again and again are prepared once per connection (Max Auto Prepare), and a connection going back to the
    /// pool is not reset (No Reset On Close; nothing here changes session state), since EF opens and closes one around
    /// every query outside a transaction.
    public static string WithPostgresDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare")) npgsql.MaxAutoPrepare = 64;
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose")) npgsql.NoResetOnClose = true;
        return npgsql.ConnectionString;
    }

    public static string SqliteConnectionString(string dataDirectory) =>
        $"Data Source={Path.Combine(dataDirectory, "unbuilt.db")};Foreign Keys=True;Pooling=True";
}

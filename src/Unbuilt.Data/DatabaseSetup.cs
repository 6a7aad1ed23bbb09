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

    /// Connections a node keeps to PostgreSQL per core of its own, unless the connection string sets Maximum Pool Size.
    public const int PoolSizePerCore = 4;

    /// The fewest connections the pool is given by default, on however few cores.
    public const int MinimumDefaultPoolSize = 8;

    /// Npgsql settings that cut PostgreSQL's CPU per request, unless the connection string sets them: statements EF
    /// runs again and again are prepared once per connection (Max Auto Prepare), a connection going back to the pool
    /// is not reset (No Reset On Close; nothing here changes session state), since EF opens and closes one around
    /// every query outside a transaction, and the pool holds a few connections per core (Maximum Pool Size) instead of
    /// Npgsql's 100. A request holds a connection only while it talks to the database, so a few per core keep the
    /// node's requests going; more let a burst put dozens of backends on PostgreSQL's run queue at once, where they
    /// wait for a CPU and each costs a wake-up, instead of waiting their turn for a connection here.
    public static string WithPostgresDefaults(string connectionString, int? processorCount = null)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare")) npgsql.MaxAutoPrepare = 64;
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose")) npgsql.NoResetOnClose = true;
        if (!given.ContainsKey("Maximum Pool Size") && !given.ContainsKey("MaxPoolSize"))
            npgsql.MaxPoolSize = Math.Max(npgsql.MinPoolSize, DefaultPoolSize(processorCount ?? Environment.ProcessorCount));
        return npgsql.ConnectionString;
    }

    /// The pool's size when the connection string sets none (and no larger Minimum Pool Size): PoolSizePerCore per
    /// core, at least MinimumDefaultPoolSize.
    public static int DefaultPoolSize(int processorCount) => Math.Max(MinimumDefaultPoolSize, PoolSizePerCore * processorCount);

    public static string SqliteConnectionString(string dataDirectory) =>
        $"Data Source={Path.Combine(dataDirectory, "unbuilt.db")};Foreign Keys=True;Pooling=True";
}

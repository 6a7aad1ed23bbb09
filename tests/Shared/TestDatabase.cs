using Microsoft.EntityFrameworkCore;
using Npgsql;
using Unbuilt.Data;

namespace Unbuilt.Testing;

/// A database of its own for one test server: a SQLite file in a temp folder, or a fresh PostgreSQL database.
/// The provider comes from UNBUILT_TEST_PROVIDER (sqlite | postgres); PostgreSQL needs UNBUILT_TEST_POSTGRES, a
/// connection string for a role that may create databases (./test starts a throwaway cluster and sets both).
public sealed class TestDatabase : IAsyncDisposable
{
    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public string DataDirectory { get; }
    private readonly string? postgresAdmin;
    private readonly string? databaseName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string dataDirectory, string? admin, string? name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        DataDirectory = dataDirectory;
        postgresAdmin = admin;
        databaseName = name;
    }

    public static DatabaseProvider ConfiguredProvider =>
        Environment.GetEnvironmentVariable("UNBUILT_TEST_PROVIDER")?.ToLowerInvariant() switch
        {
            null or "" or "sqlite" => DatabaseProvider.Sqlite,
            "postgres" => DatabaseProvider.Postgres,
            var other => throw new InvalidOperationException($"UNBUILT_TEST_PROVIDER is '{other}'; use sqlite or postgres."),
        };

    public static async Task<TestDatabase> CreateAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("unbuilt-test-").FullName;
        if (ConfiguredProvider == DatabaseProvider.Sqlite)
            return new TestDatabase(DatabaseProvider.Sqlite, DatabaseSetup.SqliteConnectionString(dataDirectory), dataDirectory, null, null);

        var admin = Environment.GetEnvironmentVariable("UNBUILT_TEST_POSTGRES")
            ?? throw new InvalidOperationException(
                "UNBUILT_TEST_PROVIDER=postgres needs UNBUILT_TEST_POSTGRES, e.g. 'Host=127.0.0.1;Port=5432;Username=postgres'. " +
                "./test starts a throwaway cluster and sets it for you.");
        var name = "unbuilt_t_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(DatabaseProvider.Postgres, builder.ConnectionString, dataDirectory, admin, name);
    }

    /// Empties every table (the schema stays), so each test starts from nothing. Table names come from the model.
#pragma warning disable EF1002
    public static async Task ResetAsync(UnbuiltDbContext db)
    {
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()!)
            .Where(t => t != "data_protection_keys").Distinct().ToList();
        if (db.Database.IsNpgsql())
        {
            // The app's background writers (telemetry, flag usage, webhook deliveries) may hold a row the TRUNCATE
            // waits for while waiting for a table it has locked; PostgreSQL then cancels the TRUNCATE as the
            // deadlock's victim, and emptying the tables again is all there is to do.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await db.Database.ExecuteSqlRawAsync($"TRUNCATE {string.Join(", ", tables.Select(t => $"\"{t}\""))} RESTART IDENTITY CASCADE");
                    return;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
                {
                }
            }
        }
        await db.Database.OpenConnectionAsync(); // one connection, so the pragma holds for every delete
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF");
            foreach (var table in tables) await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{table}\"");
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = ON");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
#pragma warning restore EF1002

    public async ValueTask DisposeAsync()
    {
        if (postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}

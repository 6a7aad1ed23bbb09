using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Unbuilt.Data;
using Unbuilt.Settings;

namespace Unbuilt.Database;

/// Applies, inspects and reverts migrations for whichever provider is configured.
public sealed partial class DatabaseMigrator(UnbuiltDbContext db, DatabaseSettings settings)
{
    public sealed record Status(IReadOnlyList<string> Applied, IReadOnlyList<string> Pending);

    public sealed record RollbackPlan(string Target, IReadOnlyList<string> Reverted, IReadOnlyList<string> DroppedTables, string Sql);

    public async Task<Status> StatusAsync(CancellationToken ct)
    {
        PrepareSqliteDirectory();
        // Asking a fresh database for its history would log a failed query; check the table exists first.
        var applied = await db.GetService<IHistoryRepository>().ExistsAsync(ct)
            ? (await db.Database.GetAppliedMigrationsAsync(ct)).ToList()
            : [];
        var pending = db.Database.GetMigrations().Except(applied).ToList();
        return new Status(applied, pending);
    }

    /// SQLite migrates itself; PostgreSQL only when asked, so production schema changes are never silent.
    public async Task EnsureReadyAsync(bool migrate, CancellationToken ct)
    {
        if (settings.Provider == DatabaseProvider.Postgres && !migrate)
        {
            var pending = (await StatusAsync(ct)).Pending;
            if (pending.Count > 0)
                throw new PendingMigrationsException(pending);
            return;
        }
        await MigrateAsync(ct);
    }

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct)
    {
        var pending = (await StatusAsync(ct)).Pending;
        await db.Database.MigrateAsync(ct);
        if (settings.Provider == DatabaseProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        return pending;
    }

    /// What `db rollback --to NAME` would do, without doing it. NAME is a migration's name, its full id, or 0 for all.
    public async Task<RollbackPlan> PlanRollbackAsync(string target, CancellationToken ct)
    {
        var all = db.Database.GetMigrations().ToList();
        var targetId = target == "0" ? Migration.InitialDatabase : Resolve(all, target);
        var applied = (await StatusAsync(ct)).Applied;
        var reverted = applied.Reverse().TakeWhile(id => id != targetId).ToList();
        var sql = reverted.Count == 0 ? "" : db.GetService<IMigrator>().GenerateScript(applied[^1], targetId);
        var dropped = DropTable().Matches(sql).Select(m => m.Groups[1].Value).Distinct().ToList();
        return new RollbackPlan(targetId, reverted, dropped, sql);
    }

    public Task RollbackAsync(RollbackPlan plan, CancellationToken ct) =>
        db.GetService<IMigrator>().MigrateAsync(plan.Target, cancellationToken: ct);

    public string Script(string? from, string? to)
    {
        var all = db.Database.GetMigrations().ToList();
        return db.GetService<IMigrator>().GenerateScript(
            from is null ? null : Resolve(all, from), to is null ? null : Resolve(all, to));
    }

    private static string Resolve(List<string> all, string name)
    {
        var match = all.FirstOrDefault(id => id == name)
            ?? all.FirstOrDefault(id => id.EndsWith("_" + name, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new UnknownMigrationException(name, all);
    }

    /// The database file is created here, before SQLite would create it with the process's umask (often 0644), so it
    /// is 0600 from the start; SQLite gives the -wal and -shm files the database file's mode.
    private void PrepareSqliteDirectory()
    {
        if (settings.Provider != DatabaseProvider.Sqlite) return;
        OwnerOnlyFiles.EnsureDirectory(settings.DataDirectory);
        var sqlite = new SqliteConnectionStringBuilder(settings.ConnectionString);
        if (sqlite.Mode == SqliteOpenMode.Memory || sqlite.DataSource is "" or ":memory:" ||
            sqlite.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return;
        var file = Path.GetFullPath(sqlite.DataSource);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        OwnerOnlyFiles.EnsureFile(file);
        OwnerOnlyFiles.Restrict(file + "-wal");
        OwnerOnlyFiles.Restrict(file + "-shm");
    }

    [GeneratedRegex("""DROP TABLE\s+(?:IF EXISTS\s+)?"?([A-Za-z0-9_]+)"?""", RegexOptions.IgnoreCase)]
    private static partial Regex DropTable();
}

public sealed class PendingMigrationsException(IReadOnlyList<string> pending) : Exception(
    $"The PostgreSQL database has {pending.Count} pending migration(s): {string.Join(", ", pending)}. " +
    "Run `./unbuilt db migrate` (or start with `./unbuilt serve --migrate`).");

public sealed class UnknownMigrationException(string name, IEnumerable<string> known) : Exception(
    $"No migration named '{name}'. Known: {string.Join(", ", known)} (or 0 for none).");

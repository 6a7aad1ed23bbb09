using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;

namespace Unbuilt.Tests.Data;

/// Writers on one SQLite file queue on the gate: the second waits (without a thread) until the first ends, however
/// it ends: commit, rollback, or a transaction disposed with neither. Commits are synced to disk after the gate,
/// together (group commit), before COMMIT returns.
public sealed class SqliteWriteGateTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"gate-{Guid.NewGuid():N}.db");

    private UnbuiltDbContext Context()
    {
        var options = new DbContextOptionsBuilder<UnbuiltDbContext>();
        options.UseUnbuiltDatabase(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False");
        return new UnbuiltDbContext(options.Options);
    }

    [Theory]
    [InlineData("commit")]
    [InlineData("rollback")]
    [InlineData("dispose")]
    public async Task A_second_writer_waits_until_the_first_transaction_ends(string ending)
    {
        await using var first = Context();
        await using var second = Context();
        var transaction = await first.Database.BeginTransactionAsync();
        Assert.True(SqliteWriteGate.For(file, TimeSpan.FromSeconds(30)).IsHeld);

        var waiting = second.Database.BeginTransactionAsync();
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        switch (ending)
        {
            case "commit": await transaction.CommitAsync(); break;
            case "rollback": await transaction.RollbackAsync(); break;
        }
        await transaction.DisposeAsync();
        await using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        await next.CommitAsync();
        Assert.False(SqliteWriteGate.For(file, TimeSpan.FromSeconds(30)).IsHeld);
    }

    [Fact]
    public async Task A_commit_does_not_fsync_inside_the_gate_and_returns_only_after_a_shared_fsync_covered_it()
    {
        await using var db = Context();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; CREATE TABLE notes (text TEXT NOT NULL);");
        var durability = SqliteWriteGate.For(file, TimeSpan.FromSeconds(30)).Durability;
        var (commits, flushes) = (durability.Commits, durability.Flushes);

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            // The commit itself will not fsync (NORMAL): that is left to the shared flush, outside the writer slot.
            Assert.Equal(1, db.Database.SqlQueryRaw<long>("PRAGMA synchronous").AsEnumerable().Single());
            await db.Database.ExecuteSqlRawAsync("INSERT INTO notes VALUES ('kept')");
            await transaction.CommitAsync();
        }

        Assert.Equal(commits + 1, durability.Commits);
        Assert.True(durability.Flushes > flushes, "the commit returned before any fsync covered it");
    }

    [Fact]
    public async Task Writers_committing_together_share_fsyncs_and_none_is_lost()
    {
        await using (var db = Context())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; CREATE TABLE notes (text TEXT NOT NULL);");
        var durability = SqliteWriteGate.For(file, TimeSpan.FromSeconds(30)).Durability;
        var (commits, flushes) = (durability.Commits, durability.Flushes);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            await using var db = Context();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"INSERT INTO notes VALUES ({i.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
            await transaction.CommitAsync();
        }));

        Assert.Equal(commits + 40, durability.Commits);
        Assert.InRange(durability.Flushes - flushes, 1, 40);
        await using var check = Context();
        Assert.Equal(40, check.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS Value FROM notes").AsEnumerable().Single());
    }

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
    }
}

using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;

namespace Unbuilt.Tests.Data;

/// Writers on one SQLite file queue on the gate: the second waits (without a thread) until the first ends, however
/// it ends: commit, rollback, or a transaction disposed with neither.
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

    public void Dispose() => File.Delete(file);
}

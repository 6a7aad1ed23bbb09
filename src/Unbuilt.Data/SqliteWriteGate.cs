using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Unbuilt.Data;

/// SQLite lets one writer in at a time. Left alone, a second transaction's BEGIN IMMEDIATE meets SQLITE_BUSY and
/// Microsoft.Data.Sqlite retries it by putting a thread-pool thread to sleep for 150 ms at a time: under load,
/// writes queue in 150 ms steps and the pool starves. This gate queues transactions on one database file inside
/// the process instead, asynchronously and first come first served, so the next writer starts the moment the last
/// one ends and a waiting request holds no thread. One gate per database file, shared by every context in the
/// process (web requests, background writers, CLI verbs).
///
/// A transaction holds the gate from BEGIN until commit, rollback or failure (a BEGIN that fails lets go at once,
/// e.g. when another process holds the file's write lock past the busy timeout); a transaction disposed without
/// either releases it when EF closes its connection. Its fsync happens after it lets go, shared with the commits
/// around it (SqliteGroupCommit), and COMMIT returns only once it is done: nothing is acknowledged before it is on
/// disk. A writer that cannot get in within the connection's timeout
/// gets a <see cref="DatabaseBusyException"/> (a TimeoutException) instead of waiting for ever.
///
/// Meter <see cref="MeterName"/> records how long writers wait for the gate and how long each holds it, so an
/// operator can see when SQLite's single writer is what limits throughput (time to move to PostgreSQL).
public sealed class SqliteWriteGate : DbTransactionInterceptor, IDbConnectionInterceptor
{
    public const string MeterName = "Unbuilt.Sqlite";
    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Gates = new(StringComparer.Ordinal);
    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> WaitMs = Meter.CreateHistogram<double>("unbuilt.sqlite.write_gate.wait",
        "ms", "How long a write transaction waited for SQLite's single writer slot.");
    private static readonly Histogram<double> HoldMs = Meter.CreateHistogram<double>("unbuilt.sqlite.write_gate.hold",
        "ms", "How long a write transaction held SQLite's single writer slot, BEGIN to COMMIT or ROLLBACK.");

    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly ConcurrentDictionary<Guid, long> holders = new();
    private readonly TimeSpan timeout;

    private SqliteWriteGate(string path, TimeSpan timeout)
    {
        this.timeout = timeout;
        Durability = new SqliteGroupCommit(path + "-wal");
    }

    /// The gate of the database file <paramref name="dataSource"/> (as resolved to a full path).
    public static SqliteWriteGate For(string dataSource, TimeSpan timeout) =>
        Gates.GetOrAdd(Path.GetFullPath(dataSource), path => new SqliteWriteGate(path, timeout));

    /// Commits wait here, after leaving the gate, until they are on disk.
    public SqliteGroupCommit Durability { get; }

    /// Write transactions commit without their own fsync (see SqliteGroupCommit), set per connection before BEGIN.
    private const string NoFsyncAtCommit = "PRAGMA synchronous = NORMAL";

    /// Whether a transaction is in (for tests and diagnostics).
    public bool IsHeld => turn.CurrentCount == 0;

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = NoFsyncAtCommit;
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        await EnterAsync(eventData.ConnectionId, cancellationToken);
        try
        {
            // BEGIN here rather than after returning: if it fails (another process holds the file's write lock past the
            // busy timeout) no later callback would tell the gate, and every write after it would wait for a slot
            // nobody holds.
            var transaction = await connection.BeginTransactionAsync(eventData.IsolationLevel, cancellationToken);
            return InterceptionResult<DbTransaction>.SuppressWithResult(transaction);
        }
        catch
        {
            Leave(eventData.ConnectionId);
            throw;
        }
    }

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = NoFsyncAtCommit;
            pragma.ExecuteNonQuery();
        }
        var asked = Stopwatch.GetTimestamp();
        if (!turn.Wait(timeout)) throw Busy();
        Entered(eventData.ConnectionId, asked);
        try
        {
            return InterceptionResult<DbTransaction>.SuppressWithResult(connection.BeginTransaction(eventData.IsolationLevel));
        }
        catch
        {
            Leave(eventData.ConnectionId);
            throw;
        }
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        Leave(eventData.ConnectionId);
        Durability.Committed();
    }

    /// The next writer goes in at once; this one returns from COMMIT once its commit is on disk.
    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Leave(eventData.ConnectionId);
        return Durability.CommittedAsync();
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.ConnectionId);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Leave(eventData.ConnectionId);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Leave(eventData.ConnectionId);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Leave(eventData.ConnectionId);
        return Task.CompletedTask;
    }

    // A transaction disposed without commit or rollback (its DbTransaction rolls back) ends with its connection.
    void IDbConnectionInterceptor.ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) =>
        Leave(eventData.ConnectionId);

    Task IDbConnectionInterceptor.ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Leave(eventData.ConnectionId);
        return Task.CompletedTask;
    }

    private async Task EnterAsync(Guid connectionId, CancellationToken ct)
    {
        var asked = Stopwatch.GetTimestamp();
        if (!await turn.WaitAsync(timeout, ct)) throw Busy();
        Entered(connectionId, asked);
    }

    private void Entered(Guid connectionId, long asked)
    {
        var now = Stopwatch.GetTimestamp();
        holders[connectionId] = now;
        WaitMs.Record(Stopwatch.GetElapsedTime(asked, now).TotalMilliseconds);
    }

    private void Leave(Guid connectionId)
    {
        if (!holders.TryRemove(connectionId, out var since)) return;
        turn.Release();
        HoldMs.Record(Stopwatch.GetElapsedTime(since).TotalMilliseconds);
    }

    private DatabaseBusyException Busy() =>
        new($"The SQLite database stayed busy with other writes for {timeout.TotalSeconds:0} s; try again.");
}

/// A write that waited its whole timeout for the database's writer slot; nothing was written, so it can be sent again.
public sealed class DatabaseBusyException(string message) : TimeoutException(message);

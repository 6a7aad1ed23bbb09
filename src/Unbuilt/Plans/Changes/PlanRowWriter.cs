using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Monitoring;

namespace Unbuilt.Plans.Changes;

/// Writes the rows of an everyday plan change (a task's status or title, a move) with one batch of SQL of its own
/// instead of EF Core's SaveChanges, whose pipeline (change detection, command building, SQL generation, result
/// propagation) was a large share of the server's CPU and allocation per change. It takes a save only when every
/// pending change is one it knows: the plan, tasks and operations updated (only their changed columns; the plan's
/// version is a concurrency token, so its UPDATE is the batch's first statement and checks the version the change
/// read, exactly as EF would), today's snapshot added or updated, history and operation rows added. Anything else
/// (a task or phase added, a row deleted, an idempotent answer kept, a member) is left to SaveChanges: TryWriteAsync
/// answers false and writes nothing.
///
/// Table, column and parameter conversions come from EF's model, so a new column is written like any other. Each
/// statement returns its row's key (RETURNING, on both databases): an added row gets its id back, and a statement
/// that touched no row is caught at once. On PostgreSQL the statements go as one batch (one round trip), and rows of
/// one table written alike share statements of up to 64 rows (a reorder that re-keys 20 tasks: two UPDATEs of its
/// tasks and two INSERTs of their history, not forty statements); on SQLite, which is in process, one command a row. It runs on the context's connection and inside its transaction, so a
/// failure anywhere rolls the whole change back; afterwards the written entries are accepted as SaveChanges accepts
/// them, so a later save in the same change does not write them again.
public sealed class PlanRowWriter(DatabaseTimings timings)
{
    private static readonly HashSet<Type> Known =
        [typeof(ActionPlan), typeof(PlanTask), typeof(PlanOperation), typeof(PlanProgressSnapshot), typeof(TaskHistory)];
    private static readonly HashSet<Type> Insertable = [typeof(PlanOperation), typeof(PlanProgressSnapshot), typeof(TaskHistory)];

    private readonly ConcurrentDictionary<IEntityType, (IProperty[] Columns, IProperty? Key)> tables = new();
    private readonly ConcurrentDictionary<(IEntityType, EntityState, ulong), Shape> shapes = new();
    private long saves;
    private long conflicts;
    private long commands;
    private long statementsSent;

    /// How many rows one statement writes (PostgreSQL), largest first; it must end with 1. A history row binds about
    /// a dozen values: 64 of them stay far below the 65,535 a statement may.
    private static readonly int[] StatementSizes = [64, 16, 4, 1];

    /// Saves this writer took, those of them that found a row moved on, the commands they sent (one batch, or one per
    /// statement on SQLite) and the statements in them: for tests and diagnostics, as EF's command interceptors do not
    /// see them.
    public long Saves => Interlocked.Read(ref saves);
    public long Conflicts => Interlocked.Read(ref conflicts);
    public long Commands => Interlocked.Read(ref commands);
    public long Statements => Interlocked.Read(ref statementsSent);

    /// Writes what <paramref name="db"/> tracks, in its current transaction, if every change is one this writer knows;
    /// false (nothing written) otherwise. Throws DbUpdateConcurrencyException when the plan's version moved on.
    public async Task<bool> TryWriteAsync(UnbuiltDbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not { } current) return false;
        var rows = Pending(db);
        if (rows is null) return false;
        Interlocked.Increment(ref saves);
        if (rows.Count == 0) return true;
        var connection = db.Database.GetDbConnection();
        var transaction = current.GetDbTransaction();
        var started = Stopwatch.GetTimestamp();
        try
        {
            Interlocked.Add(ref commands, connection.CanCreateBatch ? 1 : rows.Count);
            if (connection.CanCreateBatch) await WriteBatchAsync(connection, transaction, db.Database.GetCommandTimeout(), rows, ct);
            else await WriteEachAsync(connection, transaction, db.Database.GetCommandTimeout(), rows, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            Interlocked.Increment(ref conflicts);
            throw;
        }
        finally
        {
            timings.Record(Stopwatch.GetElapsedTime(started));
        }
        foreach (var row in rows) row.Accept();
        db.ChangeTracker.AcceptAllChanges();
        return true;
    }

    /// The statements for what is tracked, the plan's first; null when something is not this writer's to write.
    private List<Row>? Pending(UnbuiltDbContext db)
    {
        var rows = new List<Row>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Unchanged) continue;
            var type = entry.Metadata;
            var known = entry.State switch
            {
                EntityState.Modified => Known.Contains(type.ClrType),
                EntityState.Added => Insertable.Contains(type.ClrType),
                _ => false,
            };
            if (!known) return null;
            var shape = ShapeOf(entry);
            if (shape is null) return null;
            var row = new Row(entry, shape);
            if (entry.Entity is ActionPlan) rows.Insert(0, row);
            else rows.Add(row);
        }
        return rows;
    }

    /// The statement for an entry, from a cache by its type, state and the columns it writes; null for a row EF would
    /// have the database fill in (a default left unset, which EF leaves out and reads back): SaveChanges writes those.
    private Shape? ShapeOf(EntityEntry entry)
    {
        var type = entry.Metadata;
        var (properties, key) = tables.GetOrAdd(type, t => ([.. t.GetProperties()], t.FindPrimaryKey()?.Properties is [var k] ? k : null));
        if (key is null || properties.Length > 64) return null;
        var added = entry.State == EntityState.Added;
        ulong columns = 0;
        for (var i = 0; i < properties.Length; i++)
        {
            var property = properties[i];
            if (added && property == key)
            {
                if (entry.Property(property).IsTemporary) continue; // the database makes it: RETURNING reads it
            }
            else if (added)
            {
                if (property.ValueGenerated != ValueGenerated.Never && Equals(entry.Property(property).CurrentValue, property.Sentinel))
                    return null;
            }
            else if (!entry.Property(property).IsModified) continue;
            columns |= 1UL << i;
        }
        if (!added && columns == 0) return null;
        return shapes.GetOrAdd((type, entry.State, columns), _ => Shape.Of(type, properties, key, entry.State, columns));
    }

    private async Task WriteBatchAsync(DbConnection connection, DbTransaction transaction, int? timeout, List<Row> rows,
        CancellationToken ct)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        if (timeout is { } seconds) batch.Timeout = seconds;
        await using var factory = connection.CreateCommand(); // EF's type mappings make their parameters on a command
        var statements = Grouped(rows);
        foreach (var statement in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement[0].Shape.SqlFor(statement.Count);
            foreach (var row in statement) row.AddParameters(factory, command.Parameters, positional: true);
            batch.BatchCommands.Add(command);
        }
        Interlocked.Add(ref statementsSent, statements.Count);
        var reader = await batch.ExecuteReaderAsync(ct);
        Row? missed = null;
        try
        {
            for (var i = 0; i < statements.Count && missed is null; i++)
            {
                if (i > 0) await reader.NextResultAsync(ct);
                foreach (var row in statements[i])
                {
                    if (await row.ReadAsync(reader, ct)) continue;
                    missed = row;
                    break;
                }
            }
        }
        finally
        {
            // The rest of a batch that met a moved plan still ran, and may have failed on the other change's rows (its
            // operation id): that is part of the same conflict, and the transaction rolls it back.
            try { await reader.DisposeAsync(); }
            catch (DbException) when (missed is not null) { }
        }
        if (missed is not null) throw missed.Missed();
    }

    /// The batch's statements: the rows of one shape (one table, state and set of columns) together, in the order each
    /// shape first came (the plan's row first). Nothing in a change depends on the order of its other rows: history
    /// and operation rows name the plan, never each other. A shape's rows go in statements of StatementSizes rows
    /// (23: 16, 4, 1, 1, 1), so each shape has a few statement texts that PostgreSQL prepares once per connection
    /// (Max Auto Prepare), rather than one text per count of rows, which would crowd out the other prepared statements.
    private static List<List<Row>> Grouped(List<Row> rows)
    {
        var statements = new List<List<Row>>();
        foreach (var shape in rows.GroupBy(r => r.Shape, ReferenceEqualityComparer.Instance))
        {
            var left = shape.ToList();
            while (left.Count > 0)
            {
                var size = Array.Find(StatementSizes, n => n <= left.Count);
                statements.Add(left[..size]);
                left = left[size..];
            }
        }
        return statements;
    }

    private async Task WriteEachAsync(DbConnection connection, DbTransaction transaction, int? timeout, List<Row> rows,
        CancellationToken ct)
    {
        foreach (var row in rows)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            if (timeout is { } seconds) command.CommandTimeout = seconds;
            command.CommandText = row.Shape.SqlFor(1);
            row.AddParameters(command, command.Parameters, positional: false);
            Interlocked.Increment(ref statementsSent);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await row.ReadAsync(reader, ct)) throw row.Missed();
        }
    }

    /// One row's statement and the values it binds, in order: the written columns, then the key and the concurrency
    /// tokens' original values. Parameters are $1, $2…: positional on PostgreSQL, names on SQLite. SqlFor(n) is the
    /// same statement for n rows at once (PostgreSQL only): an INSERT of n VALUES, whose RETURNING gives the new keys
    /// in the order of its VALUES, or an UPDATE from a VALUES list joined on the key (and the tokens), whose values
    /// are cast to the columns' types as PostgreSQL cannot infer them there.
    private sealed class Shape(IEntityType type, IProperty[] written, IProperty[] tokens, IProperty key, bool added)
    {
        private readonly ConcurrentDictionary<int, string> sql = new();

        public IProperty[] Values { get; } = added ? written : [.. written, key];
        public IProperty[] Originals => tokens;
        public IProperty Key => key;
        public bool ReadsKey { get; } = added && !written.Contains(key);

        public static Shape Of(IEntityType type, IProperty[] properties, IProperty key, EntityState state, ulong columns)
        {
            var written = properties.Where((_, i) => (columns & (1UL << i)) != 0).ToArray();
            var added = state == EntityState.Added;
            return new(type, written, added ? [] : [.. properties.Where(p => p.IsConcurrencyToken)], key, added);
        }

        public string SqlFor(int rows) => sql.GetOrAdd(rows, Build);

        private string Build(int rows)
        {
            var table = Quote(type.GetTableName()!);
            var keyColumn = Quote(key.GetColumnName());
            var perRow = Values.Length + Originals.Length;
            if (added)
            {
                var names = string.Join(", ", written.Select(p => Quote(p.GetColumnName())));
                var values = string.Join(", ", Enumerable.Range(0, rows).Select(r => $"({Parameters(r * perRow, perRow)})"));
                return $"INSERT INTO {table} ({names}) VALUES {values} RETURNING {keyColumn}";
            }
            var tokenAt = written.Length + 2;
            if (rows == 1)
            {
                var set = string.Join(", ", written.Select((p, i) => $"{Quote(p.GetColumnName())} = ${i + 1}"));
                var where = string.Concat(tokens.Select((p, i) => $" AND {Quote(p.GetColumnName())} = ${tokenAt + i}"));
                return $"UPDATE {table} SET {set} WHERE {keyColumn} = ${written.Length + 1}{where} RETURNING {keyColumn}";
            }
            IProperty[] bound = [.. Values, .. Originals];
            var list = string.Join(", ", Enumerable.Range(0, rows).Select(r => r == 0
                ? $"({string.Join(", ", bound.Select((p, i) => $"${i + 1}::{StoreType(p)}"))})"
                : $"({Parameters(r * perRow, perRow)})"));
            var aliases = string.Join(", ", bound.Select((_, i) => $"c{i}"));
            var assignments = string.Join(", ", written.Select((p, i) => $"{Quote(p.GetColumnName())} = v.c{i}"));
            var matches = string.Concat(tokens.Select((p, i) => $" AND t.{Quote(p.GetColumnName())} = v.c{written.Length + 1 + i}"));
            return $"UPDATE {table} AS t SET {assignments} FROM (VALUES {list}) AS v({aliases}) " +
                $"WHERE t.{keyColumn} = v.c{written.Length}{matches} RETURNING t.{keyColumn}";
        }

        private static string Parameters(int before, int count) =>
            string.Join(", ", Enumerable.Range(before + 1, count).Select(n => $"${n}"));

        // The column's type without its length or precision ("character varying(200)": "character varying"), so the
        // cast checks nothing the column does not.
        private static string StoreType(IProperty property) =>
            System.Text.RegularExpressions.Regex.Replace(property.GetColumnType(), @"\s*\([^)]*\)", "");

        private static string Quote(string name) => $"\"{name}\"";
    }

    private sealed class Row(EntityEntry entry, Shape shape)
    {
        private object? key;

        public Shape Shape => shape;

        public void AddParameters(DbCommand factory, DbParameterCollection parameters, bool positional)
        {
            foreach (var property in shape.Values) Add(property, entry.Property(property).CurrentValue);
            foreach (var property in shape.Originals) Add(property, entry.Property(property).OriginalValue);

            void Add(IProperty property, object? value) => parameters.Add(property.GetRelationalTypeMapping()
                .CreateParameter(factory, positional ? "" : $"${parameters.Count + 1}", value, property.IsNullable));
        }

        /// False when the statement touched no row: an UPDATE whose row (or version) is no longer there.
        public async Task<bool> ReadAsync(DbDataReader reader, CancellationToken ct)
        {
            if (!await reader.ReadAsync(ct)) return false;
            if (shape.ReadsKey) key = reader.GetFieldValue<object>(0);
            return true;
        }

        /// What SaveChanges throws for a row that was not where it was read: the plan's version moved on (the only way,
        /// as the plan's row goes first and its lock keeps everything else of the plan as read).
        public Exception Missed() => new DbUpdateConcurrencyException($"The {entry.Metadata.GetTableName()} row changed since it was read.");

        public void Accept()
        {
            if (key is null) return;
            var property = entry.Property(shape.Key);
            property.CurrentValue = Convert.ChangeType(key, shape.Key.ClrType, System.Globalization.CultureInfo.InvariantCulture);
            property.IsTemporary = false;
        }
    }
}

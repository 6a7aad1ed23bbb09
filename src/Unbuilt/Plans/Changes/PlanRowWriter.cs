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
/// one shape share a statement (a phase reorder writes its tasks with one UPDATE and their history with one INSERT, not
/// two statements a task); on SQLite, which is in process, one command a row. It runs on the context's connection and inside its transaction, so a
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
    private long statements;

    /// Saves this writer took, those of them that found a row moved on, and the commands they sent (one batch, or
    /// one per statement on SQLite): for tests and diagnostics, as EF's command interceptors do not see them.
    public long Saves => Interlocked.Read(ref saves);
    public long Conflicts => Interlocked.Read(ref conflicts);
    public long Commands => Interlocked.Read(ref commands);

    /// The statements those commands carried: on PostgreSQL one per shape of row, however many rows it writes.
    public long Statements => Interlocked.Read(ref statements);

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
            if (connection.CanCreateBatch)
            {
                var groups = Grouped(rows);
                Interlocked.Add(ref statements, groups.Count);
                await WriteBatchAsync(connection, transaction, db.Database.GetCommandTimeout(), groups, ct);
            }
            else
            {
                Interlocked.Add(ref statements, rows.Count);
                await WriteEachAsync(connection, transaction, db.Database.GetCommandTimeout(), rows, ct);
            }
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

    private static async Task WriteBatchAsync(DbConnection connection, DbTransaction transaction, int? timeout, List<Group> groups,
        CancellationToken ct)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        if (timeout is { } seconds) batch.Timeout = seconds;
        await using var factory = connection.CreateCommand(); // EF's type mappings make their parameters on a command
        foreach (var group in groups)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = group.Sql;
            foreach (var row in group.Rows) row.AddParameters(factory, command.Parameters, positional: true);
            batch.BatchCommands.Add(command);
        }
        var reader = await batch.ExecuteReaderAsync(ct);
        Row? missed = null;
        try
        {
            for (var i = 0; i < groups.Count && missed is null; i++)
            {
                if (i > 0) await reader.NextResultAsync(ct);
                missed = await groups[i].ReadAsync(reader, ct);
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

    /// The batch's statements: rows of one shape (a reorder's tasks, their history rows) share one statement, up to
    /// <see cref="MaxParameters"/> values each, in the order each shape first appears, so the plan's row stays first.
    /// Nothing the writer inserts refers to another row it writes (history and operations refer to the plan, which
    /// exists), so no statement has to wait for another's rows.
    private static List<Group> Grouped(List<Row> rows)
    {
        var groups = new List<Group>();
        var open = new Dictionary<Shape, Group>(ReferenceEqualityComparer.Instance);
        foreach (var row in rows)
        {
            if (!open.TryGetValue(row.Shape, out var group) || group.Parameters + row.Shape.ParameterCount > MaxParameters)
            {
                group = new Group(row.Shape);
                open[row.Shape] = group;
                groups.Add(group);
            }
            group.Rows.Add(row);
        }
        return groups;
    }

    /// Values bound by one statement of several rows; PostgreSQL's limit is 65,535.
    private const int MaxParameters = 30_000;

    private static async Task WriteEachAsync(DbConnection connection, DbTransaction transaction, int? timeout, List<Row> rows,
        CancellationToken ct)
    {
        foreach (var row in rows)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            if (timeout is { } seconds) command.CommandTimeout = seconds;
            command.CommandText = row.Shape.Sql;
            row.AddParameters(command, command.Parameters, positional: false);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await row.ReadAsync(reader, ct)) throw row.Missed();
        }
    }

    /// One statement's SQL and the values it binds, in order: the written columns, then the key and the concurrency
    /// tokens' original values. Parameters are $1, $2…: positional on PostgreSQL, names on SQLite.
    private sealed record Shape(string Table, string Sql, IProperty[] Values, IProperty[] Originals, IProperty Key, bool ReadsKey, bool IsInsert)
    {
        private readonly ConcurrentDictionary<int, string> many = new();

        public int ParameterCount => Values.Length + Originals.Length;

        public static Shape Of(IEntityType type, IProperty[] properties, IProperty key, EntityState state, ulong columns)
        {
            var table = Quote(type.GetTableName()!);
            var written = properties.Where((_, i) => (columns & (1UL << i)) != 0).ToArray();
            if (state == EntityState.Added)
                return new(table, InsertSql(table, written, key, rows: 1), written, [], key, ReadsKey: !written.Contains(key), IsInsert: true);
            var tokens = properties.Where(p => p.IsConcurrencyToken).ToArray();
            var n = 0;
            var set = string.Join(", ", written.Select(p => $"{Quote(p.GetColumnName())} = ${++n}"));
            var keyAt = ++n;
            var where = string.Concat(tokens.Select(p => $" AND {Quote(p.GetColumnName())} = ${++n}"));
            return new(table, $"UPDATE {table} SET {set} WHERE {Quote(key.GetColumnName())} = ${keyAt}{where} " +
                $"RETURNING {Quote(key.GetColumnName())}", [.. written, key], tokens, key, ReadsKey: false, IsInsert: false);
        }

        /// The statement for <paramref name="rows"/> rows of this shape (PostgreSQL): an INSERT of as many VALUES rows,
        /// whose RETURNING answers in their order; or an UPDATE … FROM (VALUES …) that answers the key of each row it
        /// found. Each value is cast to its column's type (without a length, which a cast would cut to), as a VALUES
        /// list outside an INSERT does not take its types from the columns it is assigned to.
        public string SqlFor(int rows) => rows == 1 ? Sql : many.GetOrAdd(rows, count =>
        {
            if (IsInsert) return InsertSql(Table, Values, Key, count);
            var columns = Values.Concat(Originals).ToArray();
            var n = 0;
            var values = string.Join(", ", Enumerable.Range(0, count).Select(_ =>
                $"({string.Join(", ", columns.Select(p => $"CAST(${++n} AS {p.GetRelationalTypeMapping().StoreTypeNameBase})"))})"));
            var names = string.Join(", ", columns.Select((_, i) => $"v{i}"));
            var written = Values.Length - 1; // the key is the last of Values
            var set = string.Join(", ", Values.Take(written).Select((p, i) => $"{Quote(p.GetColumnName())} = v.v{i}"));
            var key = Quote(Key.GetColumnName());
            var where = string.Concat(Originals.Select((p, i) => $" AND t.{Quote(p.GetColumnName())} = v.v{Values.Length + i}"));
            return $"UPDATE {Table} AS t SET {set} FROM (VALUES {values}) AS v({names}) " +
                $"WHERE t.{key} = v.v{written}{where} RETURNING t.{key}";
        });

        private static string InsertSql(string table, IProperty[] written, IProperty key, int rows)
        {
            var names = string.Join(", ", written.Select(p => Quote(p.GetColumnName())));
            var n = 0;
            var values = string.Join(", ", Enumerable.Range(0, rows).Select(_ => $"({string.Join(", ", written.Select(_ => $"${++n}"))})"));
            return $"INSERT INTO {table} ({names}) VALUES {values} RETURNING {Quote(key.GetColumnName())}";
        }

        private static string Quote(string name) => $"\"{name}\"";
    }

    /// Rows of one shape sent as one statement.
    private sealed class Group(Shape shape)
    {
        public List<Row> Rows { get; } = [];
        public int Parameters => Rows.Count * shape.ParameterCount;
        public string Sql => shape.SqlFor(Rows.Count);

        /// Reads the statement's answer; the row it did not find (an UPDATE's row or version no longer there), if any.
        public async Task<Row?> ReadAsync(DbDataReader reader, CancellationToken ct)
        {
            if (shape.IsInsert || Rows.Count == 1)
            {
                foreach (var row in Rows)
                    if (!await row.ReadAsync(reader, ct)) return row;
                return null;
            }
            var found = new HashSet<object>();
            while (await reader.ReadAsync(ct)) found.Add(Row.KeyOf(shape.Key, reader.GetFieldValue<object>(0)));
            return Rows.FirstOrDefault(row => !found.Contains(row.Key));
        }
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

        /// The row's key as the entity holds it (an updated row's: it is never temporary).
        public object Key => entry.Property(shape.Key).CurrentValue!;

        public static object KeyOf(IProperty key, object read) =>
            Convert.ChangeType(read, key.ClrType, System.Globalization.CultureInfo.InvariantCulture);

        public void Accept()
        {
            if (key is null) return;
            var property = entry.Property(shape.Key);
            property.CurrentValue = KeyOf(shape.Key, key);
            property.IsTemporary = false;
        }
    }
}

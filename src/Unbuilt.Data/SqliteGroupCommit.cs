namespace Unbuilt.Data;

/// Group commit for one SQLite database in WAL mode. Write transactions run with synchronous=NORMAL, so COMMIT
/// writes its frames to the WAL without waiting for the disk and the writer slot is free again at once; then, outside
/// the slot, the committing request waits here until an fsync of the WAL that started after its commit has finished.
/// One fsync covers every commit made before it began, so writers that commit close together share it. A commit is
/// on disk before its caller (and so the client, or a live event) hears of it, exactly as with synchronous=FULL;
/// the difference is only that the fsync no longer holds every other writer up.
public sealed class SqliteGroupCommit(string walPath)
{
    private readonly Lock sync = new();
    private long committed;
    private long durable;
    private Task? flushing;
    private long flushes;

    /// Commits that have waited here, and the fsyncs that covered them (for diagnostics and tests).
    public long Commits => Interlocked.Read(ref committed);
    public long Flushes => Interlocked.Read(ref flushes);

    /// Call right after a COMMIT returned; completes once that commit is on disk.
    public async Task CommittedAsync()
    {
        var ticket = Interlocked.Increment(ref committed);
        while (true)
        {
            Task running;
            lock (sync)
            {
                if (durable >= ticket) return;
                running = flushing ??= FlushAsync();
            }
            await running;
        }
    }

    /// The same, blocking (for synchronous EF calls).
    public void Committed()
    {
        var ticket = Interlocked.Increment(ref committed);
        Sync(ticket);
    }

    private async Task FlushAsync()
    {
        await Task.Yield(); // let commits that are just finishing join this fsync
        var covers = Interlocked.Read(ref committed);
        try
        {
            await Task.Run(() => Sync(covers));
        }
        finally
        {
            lock (sync) flushing = null;
        }
    }

    private void Sync(long covers)
    {
        // fsync flushes the file, whichever descriptor asks; the WAL may have been recreated since the last flush, so
        // it is opened each time. Without a WAL (not in WAL mode, or checkpointed away) the database file is synced.
        if (!FSync(walPath)) FSync(walPath[..^"-wal".Length]);
        Interlocked.Increment(ref flushes);
        lock (sync) durable = Math.Max(durable, covers);
    }

    private static bool FSync(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            file.Flush(flushToDisk: true);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Unbuilt.Audit;
using Unbuilt.Data;
using Unbuilt.Data.Flags;
using Unbuilt.Monitoring;

namespace Unbuilt.Flags;

/// The one way flags are written (the API now, the rollout guard later): opens a FlagEdit on a flag, holding its
/// row until the edit is committed or disposed, so two changes to one flag never interleave.
public sealed class FlagChanges(
    UnbuiltDbContext db, AuditLog audit, FlagPropagation propagation, TimeProvider clock, IOperatorEvents events,
    Microsoft.Extensions.Options.IOptions<FlagOptions> options)
{
    /// An edit of the named flag, or null when there is no such flag; FlagArchivedException when it is archived
    /// (the admin routes answer 409 FLAG_ARCHIVED: restore it first).
    public Task<FlagEdit?> BeginAsync(string name, CancellationToken ct) => BeginAsync(name, createIfMissing: false, ct);

    /// An edit of the named flag, created (off, 0%, all tiers, no users) when missing; see FlagEdit.IsNew.
    public async Task<FlagEdit> BeginOrCreateAsync(string name, CancellationToken ct) =>
        (await BeginAsync(name, createIfMissing: true, ct))!;

    /// An edit of the named flag, archived or not (archive, restore, delete), or null when there is none.
    public Task<FlagEdit?> BeginLifecycleAsync(string name, CancellationToken ct) =>
        BeginAsync(name, createIfMissing: false, ct, allowArchived: true);

    private async Task<FlagEdit?> BeginAsync(string name, bool createIfMissing, CancellationToken ct, bool allowArchived = false)
    {
        var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // SQLite transactions here take the write lock up front; PostgreSQL needs the row locked explicitly.
            if (SqlDialect.For(db.Database).IsPostgres)
                await db.Database.ExecuteSqlAsync($"SELECT id FROM feature_flags WHERE name = {name} FOR UPDATE", ct);
            var flag = await db.FeatureFlags.FirstOrDefaultAsync(f => f.Name == name, ct);
            var isNew = false;
            if (flag is null)
            {
                if (!createIfMissing)
                {
                    await transaction.DisposeAsync();
                    return null;
                }
                flag = await InsertAsync(name, ct);
                isNew = true;
            }
            if (flag.ArchivedAt is not null && !allowArchived) throw new FlagArchivedException(name);
            var entries = await db.UserFeatureFlags.Where(e => e.FeatureFlagId == flag.Id).ToListAsync(ct);
            return new FlagEdit(db, transaction, audit, propagation, clock, flag, entries, isNew,
                options.Value.ReadyToRemoveAfterDays) { Events = events };
        }
        catch (DbUpdateException) when (createIfMissing)
        {
            // Another request created the flag between our read and our insert: edit theirs instead.
            await transaction.DisposeAsync();
            db.ChangeTracker.Clear();
            return await BeginAsync(name, createIfMissing: false, ct);
        }
        catch
        {
            await transaction.DisposeAsync();
            db.ChangeTracker.Clear();
            throw;
        }
    }

    // Inserted at once (inside the transaction) so user entries can refer to its id.
    private async Task<FeatureFlag> InsertAsync(string name, CancellationToken ct)
    {
        var now = clock.StoredNow();
        var flag = new FeatureFlag { Name = name, CreatedAt = now, UpdatedAt = now };
        db.FeatureFlags.Add(flag);
        await db.SaveChangesAsync(ct);
        return flag;
    }
}

/// A change asked of an archived flag; FlagsSetup's admin group answers it as 409 FLAG_ARCHIVED.
public sealed class FlagArchivedException(string name)
    : Exception($"Feature flag '{name}' is archived; restore it before changing it.")
{
    public string FlagName { get; } = name;
}

using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Data.Accounts;
using Unbuilt.Data.Configurations;
using Unbuilt.Data.Flags;
using Unbuilt.Data.Monitoring;

namespace Unbuilt.Data;

public sealed class UnbuiltDbContext(DbContextOptions<UnbuiltDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<User> Users => Set<User>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<FeatureFlag> FeatureFlags => Set<FeatureFlag>();
    public DbSet<UserFeatureFlag> UserFeatureFlags => Set<UserFeatureFlag>();
    public DbSet<FeatureFlagChange> FeatureFlagChanges => Set<FeatureFlagChange>();
    public DbSet<SecurityAuditLog> SecurityAuditLogs => Set<SecurityAuditLog>();
    public DbSet<AnalyticsEvent> AnalyticsEvents => Set<AnalyticsEvent>();

    /// Cookie-signing keys, shared by every node so a cookie issued by one is accepted by all.
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var dialect = SqlDialect.For(Database);
        modelBuilder.ApplyConfiguration(new UserConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new ApiTokenConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new FeatureFlagConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new UserFeatureFlagConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new FeatureFlagChangeConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new SecurityAuditLogConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new AnalyticsEventConfiguration(dialect));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC; SQLite hands them back as Unspecified, so say so once for all of them.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

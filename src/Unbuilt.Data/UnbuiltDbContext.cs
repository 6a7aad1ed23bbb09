using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Data.Accounts;
using Unbuilt.Data.Configurations;
using Unbuilt.Data.Flags;
using Unbuilt.Data.Monitoring;
using Unbuilt.Data.Plans;
using Unbuilt.Data.Search;
using Unbuilt.Data.Webhooks;

namespace Unbuilt.Data;

public sealed class UnbuiltDbContext(DbContextOptions<UnbuiltDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<User> Users => Set<User>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<FeatureFlag> FeatureFlags => Set<FeatureFlag>();
    public DbSet<UserFeatureFlag> UserFeatureFlags => Set<UserFeatureFlag>();
    public DbSet<FeatureFlagChange> FeatureFlagChanges => Set<FeatureFlagChange>();
    public DbSet<UserSegment> Segments => Set<UserSegment>();
    public DbSet<SegmentChange> SegmentChanges => Set<SegmentChange>();
    public DbSet<SecurityAuditLog> SecurityAuditLogs => Set<SecurityAuditLog>();
    public DbSet<AnalyticsEvent> AnalyticsEvents => Set<AnalyticsEvent>();
    public DbSet<SearchRecord> Searches => Set<SearchRecord>();
    public DbSet<SearchResultRecord> SearchResults => Set<SearchResultRecord>();
    public DbSet<ActionPlan> ActionPlans => Set<ActionPlan>();
    public DbSet<PlanMember> PlanMembers => Set<PlanMember>();
    public DbSet<PlanInvitation> PlanInvitations => Set<PlanInvitation>();
    public DbSet<PlanPhase> PlanPhases => Set<PlanPhase>();
    public DbSet<PlanTask> PlanTasks => Set<PlanTask>();
    public DbSet<TaskDependency> TaskDependencies => Set<TaskDependency>();
    public DbSet<TaskHistory> TaskHistory => Set<TaskHistory>();
    public DbSet<PlanOperation> PlanOperations => Set<PlanOperation>();
    public DbSet<PlanProgressSnapshot> PlanProgressSnapshots => Set<PlanProgressSnapshot>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<Webhook> Webhooks => Set<Webhook>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    /// Cookie-signing keys, shared by every node so a cookie issued by one is accepted by all.
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var dialect = SqlDialect.For(Database);
        modelBuilder.ApplyConfiguration(new UserConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new ApiTokenConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new UserSessionConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new FeatureFlagConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new UserFeatureFlagConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new FeatureFlagChangeConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new UserSegmentConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new SegmentChangeConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new SecurityAuditLogConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new AnalyticsEventConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new SearchRecordConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new SearchResultRecordConfiguration());
        modelBuilder.ApplyConfiguration(new ActionPlanConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new PlanMemberConfiguration());
        modelBuilder.ApplyConfiguration(new PlanInvitationConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new PlanPhaseConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new PlanTaskConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new TaskDependencyConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new TaskHistoryConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new PlanOperationConfiguration());
        modelBuilder.ApplyConfiguration(new PlanProgressSnapshotConfiguration());
        modelBuilder.ApplyConfiguration(new IdempotencyRecordConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new WebhookConfiguration(dialect));
        modelBuilder.ApplyConfiguration(new WebhookDeliveryConfiguration(dialect));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC; SQLite hands them back as Unspecified, so say so once for all of them.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

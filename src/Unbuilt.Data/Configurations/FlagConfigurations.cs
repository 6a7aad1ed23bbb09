using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unbuilt.Data.Accounts;
using Unbuilt.Data.Flags;

namespace Unbuilt.Data.Configurations;

internal sealed class FeatureFlagConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<FeatureFlag>
{
    public void Configure(EntityTypeBuilder<FeatureFlag> flag)
    {
        flag.ToTable("feature_flags");
        flag.Property(f => f.Name).HasMaxLength(100);
        flag.HasIndex(f => f.Name).IsUnique();
        flag.Property(f => f.Description).HasColumnType("text");
        flag.Property(f => f.Enabled).HasDefaultValue(false).ValueGeneratedNever();
        flag.Property(f => f.RolloutPercentage).HasDefaultValue(0).ValueGeneratedNever();
        flag.Property(f => f.AllowedTiers).AsJsonArray(dialect);
        flag.Property(f => f.AllowedUserIds).AsJsonArray(dialect);
        flag.Property(f => f.Segments).AsJsonArray(dialect);
        flag.Property(f => f.CreatedAt).HasDefaultValueSql(dialect.Now);
        flag.Property(f => f.UpdatedAt).HasDefaultValueSql(dialect.Now);
        flag.Property(f => f.Phase).HasMaxLength(50);
        flag.Property(f => f.RolloutPlan).HasColumnType(dialect.JsonType ?? "text");
        flag.Property(f => f.GuardPolicy).HasMaxLength(20).HasDefaultValue("alert");
        flag.Property(f => f.AutoAdvanceUntil).HasMaxLength(50);
        flag.ToTable(t => t.HasCheckConstraint("ck_feature_flags_rollout_percentage",
            "rollout_percentage BETWEEN 0 AND 100"));
    }
}

internal sealed class UserFeatureFlagConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<UserFeatureFlag>
{
    public void Configure(EntityTypeBuilder<UserFeatureFlag> entry)
    {
        entry.ToTable("user_feature_flags");
        entry.HasIndex(e => new { e.UserId, e.FeatureFlagId }).IsUnique();
        entry.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        entry.HasOne<FeatureFlag>().WithMany().HasForeignKey(e => e.FeatureFlagId).OnDelete(DeleteBehavior.Cascade);
        entry.Property(e => e.Enabled).HasDefaultValue(true).ValueGeneratedNever();
        entry.Property(e => e.EnabledAt).HasDefaultValueSql(dialect.Now);
    }
}

internal sealed class FeatureFlagChangeConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<FeatureFlagChange>
{
    public void Configure(EntityTypeBuilder<FeatureFlagChange> change)
    {
        change.ToTable("feature_flag_changes");
        // History outlives the flag and the actor: deleting either keeps the rows (with the names in words).
        change.HasOne<FeatureFlag>().WithMany().HasForeignKey(c => c.FeatureFlagId).OnDelete(DeleteBehavior.SetNull);
        change.HasOne<User>().WithMany().HasForeignKey(c => c.ActorUserId).OnDelete(DeleteBehavior.SetNull);
        change.Property(c => c.FlagName).HasMaxLength(100);
        change.Property(c => c.Action).HasMaxLength(30);
        change.Property(c => c.Actor).HasMaxLength(300);
        change.Property(c => c.Reason).HasColumnType("text");
        change.Property(c => c.Target).HasMaxLength(400);
        change.Property(c => c.Before).HasColumnType(dialect.JsonType ?? "text");
        change.Property(c => c.After).HasColumnType(dialect.JsonType ?? "text");
        change.Property(c => c.CreatedAt).HasDefaultValueSql(dialect.Now);
        change.HasIndex(c => new { c.FeatureFlagId, c.Id });
        change.HasIndex(c => c.CreatedAt);
    }
}

internal sealed class UserSegmentConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<UserSegment>
{
    public void Configure(EntityTypeBuilder<UserSegment> segment)
    {
        segment.ToTable("segments");
        segment.Property(s => s.Name).HasMaxLength(100);
        segment.HasIndex(s => s.Name).IsUnique();
        segment.Property(s => s.Description).HasColumnType("text");
        segment.Property(s => s.UserIds).AsJsonArray(dialect);
        segment.Property(s => s.EmailDomains).AsJsonArray(dialect);
        segment.Property(s => s.Tiers).AsJsonArray(dialect);
        segment.Property(s => s.CreatedAt).HasDefaultValueSql(dialect.Now);
        segment.Property(s => s.UpdatedAt).HasDefaultValueSql(dialect.Now);
    }
}

internal sealed class SegmentChangeConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<SegmentChange>
{
    public void Configure(EntityTypeBuilder<SegmentChange> change)
    {
        change.ToTable("segment_changes");
        // Like flag history: deleting the segment or the actor keeps the rows (with the names in words).
        change.HasOne<UserSegment>().WithMany().HasForeignKey(c => c.SegmentId).OnDelete(DeleteBehavior.SetNull);
        change.HasOne<User>().WithMany().HasForeignKey(c => c.ActorUserId).OnDelete(DeleteBehavior.SetNull);
        change.Property(c => c.SegmentName).HasMaxLength(100);
        change.Property(c => c.Action).HasMaxLength(30);
        change.Property(c => c.Actor).HasMaxLength(300);
        change.Property(c => c.Reason).HasColumnType("text");
        change.Property(c => c.Before).HasColumnType(dialect.JsonType ?? "text");
        change.Property(c => c.After).HasColumnType(dialect.JsonType ?? "text");
        change.Property(c => c.CreatedAt).HasDefaultValueSql(dialect.Now);
        change.HasIndex(c => new { c.SegmentId, c.Id });
    }
}

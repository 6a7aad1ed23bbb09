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
        flag.Property(f => f.CreatedAt).HasDefaultValueSql(dialect.Now);
        flag.Property(f => f.UpdatedAt).HasDefaultValueSql(dialect.Now);
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

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unbuilt.Data.Accounts;
using Unbuilt.Data.Plans;
using Unbuilt.Data.Search;

namespace Unbuilt.Data.Configurations;

internal sealed class ActionPlanConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<ActionPlan>
{
    public void Configure(EntityTypeBuilder<ActionPlan> plan)
    {
        plan.ToTable("action_plans", t => t.HasCheckConstraint("ck_action_plans_status",
            $"status IN ({SnakeCaseEnum.SqlList<PlanStatus>()})"));
        plan.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        plan.HasOne<SearchRecord>().WithMany().HasForeignKey(p => p.SearchId).OnDelete(DeleteBehavior.SetNull);
        plan.HasOne<SearchResultRecord>().WithMany().HasForeignKey(p => p.SearchResultId).OnDelete(DeleteBehavior.SetNull);
        plan.Property(p => p.TemplateId).HasMaxLength(64);
        plan.Property(p => p.Title).HasMaxLength(200);
        plan.Property(p => p.Description).HasColumnType("text");
        plan.Property(p => p.Status).HasConversion(SnakeCaseEnum.Converter<PlanStatus>()).HasMaxLength(20);
        plan.Property(p => p.CreatedAt).HasDefaultValueSql(dialect.Now);
        plan.Property(p => p.UpdatedAt).HasDefaultValueSql(dialect.Now);
        // The plan's lock: a change writes the next version only where the row is still at the version it read, in the
        // same batch as its other writes (PlanVersionLock). No schema change; EF adds it to the UPDATE's WHERE.
        plan.Property(p => p.Version).IsConcurrencyToken();
        // One active plan per search result per user; the API checks first and answers 409, this is the backstop.
        plan.HasIndex(p => new { p.UserId, p.SearchResultId }).IsUnique().HasFilter("status = 'active'")
            .HasDatabaseName("ux_action_plans_active_result");
        plan.HasIndex(p => p.CreatedAt);
    }
}

internal sealed class PlanMemberConfiguration : IEntityTypeConfiguration<PlanMember>
{
    public void Configure(EntityTypeBuilder<PlanMember> member)
    {
        member.ToTable("plan_members");
        member.HasOne<ActionPlan>().WithMany().HasForeignKey(m => m.PlanId).OnDelete(DeleteBehavior.Cascade);
        member.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        member.Property(m => m.Role).HasConversion(SnakeCaseEnum.Converter<MemberRole>()).HasMaxLength(20);
        member.HasIndex(m => new { m.PlanId, m.UserId }).IsUnique();
        member.HasIndex(m => m.UserId);
    }
}

internal sealed class PlanInvitationConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<PlanInvitation>
{
    public void Configure(EntityTypeBuilder<PlanInvitation> invitation)
    {
        invitation.ToTable("plan_invitations");
        invitation.HasOne<ActionPlan>().WithMany().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);
        invitation.HasOne<User>().WithMany().HasForeignKey(i => i.CreatedBy).OnDelete(DeleteBehavior.Cascade);
        invitation.HasOne<User>().WithMany().HasForeignKey(i => i.AcceptedBy).OnDelete(DeleteBehavior.SetNull);
        invitation.Property(i => i.Role).HasConversion(SnakeCaseEnum.Converter<MemberRole>()).HasMaxLength(20);
        invitation.Property(i => i.Email).HasMaxLength(254);
        invitation.Property(i => i.TokenHash).HasMaxLength(64);
        invitation.HasIndex(i => i.TokenHash).IsUnique();
        invitation.HasIndex(i => i.PlanId);
        invitation.HasIndex(i => i.ExpiresAt);
        invitation.Property(i => i.CreatedAt).HasDefaultValueSql(dialect.Now);
    }
}

internal sealed class PlanPhaseConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<PlanPhase>
{
    public void Configure(EntityTypeBuilder<PlanPhase> phase)
    {
        phase.ToTable("plan_phases");
        phase.HasOne<ActionPlan>().WithMany().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Cascade);
        phase.Property(p => p.Name).HasMaxLength(200);
        phase.Property(p => p.Description).HasColumnType("text");
        phase.Property(p => p.Position).HasMaxLength(200).Ordinal(dialect);
        phase.Property(p => p.EstimatedDuration).HasMaxLength(100);
        phase.HasIndex(p => new { p.PlanId, p.Position, p.Id });
    }
}

internal static class OrdinalCollation
{
    /// Fractional-index keys must compare byte by byte; PostgreSQL's default collation would not (SQLite's does).
    public static PropertyBuilder<string> Ordinal(this PropertyBuilder<string> property, SqlDialect dialect) =>
        dialect.IsPostgres ? property.UseCollation("C") : property;
}

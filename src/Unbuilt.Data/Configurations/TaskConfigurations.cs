using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unbuilt.Data.Accounts;
using Unbuilt.Data.Plans;

namespace Unbuilt.Data.Configurations;

internal sealed class PlanTaskConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<PlanTask>
{
    public void Configure(EntityTypeBuilder<PlanTask> task)
    {
        task.ToTable("plan_tasks", t => t.HasCheckConstraint("ck_plan_tasks_status",
            $"status IN ({SnakeCaseEnum.SqlList<TaskState>()})"));
        task.HasOne<ActionPlan>().WithMany().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
        task.HasOne<PlanPhase>().WithMany().HasForeignKey(t => t.PhaseId).OnDelete(DeleteBehavior.Cascade);
        task.HasOne<User>().WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.SetNull);
        task.HasOne<User>().WithMany().HasForeignKey(t => t.CompletedBy).OnDelete(DeleteBehavior.SetNull);
        task.Property(t => t.Title).HasMaxLength(200);
        task.Property(t => t.Description).HasColumnType("text");
        task.Property(t => t.Status).HasConversion(SnakeCaseEnum.Converter<TaskState>()).HasMaxLength(20);
        task.Property(t => t.Position).HasMaxLength(200).Ordinal(dialect);
        task.Property(t => t.EstimatedTime).HasMaxLength(100);
        task.Property(t => t.Resources).AsJsonArray(dialect);
        task.Property(t => t.CreatedAt).HasDefaultValueSql(dialect.Now);
        task.Property(t => t.UpdatedAt).HasDefaultValueSql(dialect.Now);
        // A plan loads phase by phase in position order; the id breaks ties between equal keys.
        task.HasIndex(t => new { t.PlanId, t.PhaseId, t.Position, t.Id });
        task.HasIndex(t => t.PhaseId);
        task.HasIndex(t => t.CreatedAt);
    }
}

internal sealed class TaskDependencyConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<TaskDependency>
{
    public void Configure(EntityTypeBuilder<TaskDependency> dependency)
    {
        dependency.ToTable("task_dependencies", t => t.HasCheckConstraint("ck_task_dependencies_not_self",
            "task_id <> prerequisite_task_id"));
        dependency.HasOne<ActionPlan>().WithMany().HasForeignKey(d => d.PlanId).OnDelete(DeleteBehavior.Cascade);
        dependency.HasOne<PlanTask>().WithMany().HasForeignKey(d => d.TaskId).OnDelete(DeleteBehavior.Cascade);
        dependency.HasOne<PlanTask>().WithMany().HasForeignKey(d => d.PrerequisiteTaskId).OnDelete(DeleteBehavior.Cascade);
        dependency.Property(d => d.CreatedAt).HasDefaultValueSql(dialect.Now);
        dependency.HasIndex(d => new { d.TaskId, d.PrerequisiteTaskId }).IsUnique();
        dependency.HasIndex(d => d.PrerequisiteTaskId);
        dependency.HasIndex(d => d.PlanId);
    }
}

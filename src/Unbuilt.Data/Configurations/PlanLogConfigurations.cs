using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unbuilt.Data.Accounts;
using Unbuilt.Data.Plans;

namespace Unbuilt.Data.Configurations;

internal sealed class TaskHistoryConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<TaskHistory>
{
    public void Configure(EntityTypeBuilder<TaskHistory> history)
    {
        // No foreign key to the task or the user: the history of a deleted task is what brings it back.
        history.ToTable("task_history");
        history.HasOne<ActionPlan>().WithMany().HasForeignKey(h => h.PlanId).OnDelete(DeleteBehavior.Cascade);
        history.Property(h => h.Action).HasMaxLength(50);
        history.Property(h => h.PreviousState).HasColumnType(dialect.JsonType ?? "text");
        history.Property(h => h.NewState).HasColumnType(dialect.JsonType ?? "text");
        history.Property(h => h.OperationId).HasMaxLength(64);
        history.Property(h => h.RevertsOperationId).HasMaxLength(64);
        history.Property(h => h.Note).HasMaxLength(500);
        history.Property(h => h.Timestamp).HasDefaultValueSql(dialect.Now);
        history.HasIndex(h => new { h.PlanId, h.PlanVersion });
        history.HasIndex(h => new { h.PlanId, h.OperationId });
        history.HasIndex(h => h.TaskId);
    }
}

internal sealed class PlanOperationConfiguration : IEntityTypeConfiguration<PlanOperation>
{
    public void Configure(EntityTypeBuilder<PlanOperation> operation)
    {
        operation.ToTable("plan_operations");
        operation.HasOne<ActionPlan>().WithMany().HasForeignKey(o => o.PlanId).OnDelete(DeleteBehavior.Cascade);
        operation.Property(o => o.OperationId).HasMaxLength(64);
        operation.Property(o => o.TargetOperationId).HasMaxLength(64);
        operation.Property(o => o.Type).HasMaxLength(50);
        operation.Property(o => o.Kind).HasConversion(SnakeCaseEnum.Converter<OperationKind>()).HasMaxLength(10);
        operation.HasIndex(o => new { o.PlanId, o.OperationId }).IsUnique();
        // Each user's undo and redo stacks: their operations on the plan, newest first.
        operation.HasIndex(o => new { o.PlanId, o.UserId, o.Id });
        operation.HasIndex(o => new { o.PlanId, o.PlanVersion });
        // A user's redo stack, cleared by each new change: without this the clearing reads every operation the user
        // ever made on the plan.
        operation.HasIndex(o => new { o.PlanId, o.UserId }).HasFilter("kind = 'undo' AND NOT undone")
            .HasDatabaseName("ix_plan_operations_redo_stack");
    }
}

internal sealed class PlanProgressSnapshotConfiguration : IEntityTypeConfiguration<PlanProgressSnapshot>
{
    public void Configure(EntityTypeBuilder<PlanProgressSnapshot> snapshot)
    {
        snapshot.ToTable("plan_progress_snapshots");
        snapshot.HasOne<ActionPlan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Cascade);
        snapshot.HasIndex(s => new { s.PlanId, s.Day }).IsUnique();
    }
}

internal sealed class IdempotencyRecordConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.ToTable("idempotency_records");
        record.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        record.Property(r => r.Key).HasMaxLength(255);
        record.Property(r => r.Method).HasMaxLength(10);
        record.Property(r => r.Path).HasMaxLength(500);
        record.Property(r => r.RequestHash).HasMaxLength(64);
        record.Property(r => r.ContentType).HasMaxLength(100);
        record.Property(r => r.ResponseBody).HasColumnType("text");
        record.Property(r => r.ResponseHeaders).HasColumnType("text");
        record.Property(r => r.CreatedAt).HasDefaultValueSql(dialect.Now);
        record.HasIndex(r => new { r.UserId, r.Key }).IsUnique();
        record.HasIndex(r => r.CreatedAt);
    }
}

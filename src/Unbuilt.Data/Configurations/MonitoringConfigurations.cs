using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unbuilt.Data.Monitoring;

namespace Unbuilt.Data.Configurations;

internal sealed class SecurityAuditLogConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<SecurityAuditLog>
{
    public void Configure(EntityTypeBuilder<SecurityAuditLog> log)
    {
        log.ToTable("security_audit_logs");
        log.Property(l => l.Action).HasMaxLength(100);
        log.Property(l => l.Resource).HasMaxLength(100);
        log.Property(l => l.ResourceId).HasMaxLength(100);
        log.Property(l => l.Severity).HasMaxLength(10);
        log.Property(l => l.Ip).HasMaxLength(64);
        log.Property(l => l.RequestId).HasMaxLength(64);
        log.Property(l => l.Details).HasColumnType(dialect.JsonType ?? "text");
        log.Property(l => l.Timestamp).HasDefaultValueSql(dialect.Now);
        log.HasIndex(l => l.Timestamp);
        log.HasIndex(l => new { l.Action, l.Timestamp });
    }
}

internal sealed class AnalyticsEventConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<AnalyticsEvent>
{
    public void Configure(EntityTypeBuilder<AnalyticsEvent> analyticsEvent)
    {
        analyticsEvent.ToTable("analytics_events");
        analyticsEvent.Property(e => e.EventType).HasMaxLength(64);
        analyticsEvent.Property(e => e.Metadata).HasColumnType(dialect.JsonType ?? "text");
        analyticsEvent.Property(e => e.Timestamp).HasDefaultValueSql(dialect.Now);
        analyticsEvent.HasIndex(e => new { e.EventType, e.Timestamp });
        analyticsEvent.HasIndex(e => e.Timestamp); // the metrics window reads every operation since a time
    }
}

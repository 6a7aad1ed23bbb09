using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unbuilt.Data.Accounts;
using Unbuilt.Data.Configurations;

namespace Unbuilt.Data.Webhooks;

internal sealed class WebhookConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> webhook)
    {
        webhook.ToTable("webhooks");
        webhook.Property(w => w.Url).HasMaxLength(2000);
        webhook.Property(w => w.Events).AsJsonArray(dialect);
        webhook.Property(w => w.Format).HasMaxLength(20);
        webhook.Property(w => w.ProtectedSecret).HasColumnType("text");
        webhook.Property(w => w.ProtectedRoutingKey).HasColumnType("text");
        webhook.HasOne<User>().WithMany().HasForeignKey(w => w.CreatedByUserId).OnDelete(DeleteBehavior.SetNull);
        webhook.Property(w => w.CreatedAt).HasDefaultValueSql(dialect.Now);
    }
}

internal sealed class WebhookDeliveryConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.ToTable("webhook_deliveries");
        // Removing a webhook removes its log and whatever it had pending.
        delivery.HasOne<Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
        delivery.Property(d => d.EventType).HasMaxLength(30);
        delivery.Property(d => d.Payload).HasColumnType("text");
        delivery.Property(d => d.Status).HasMaxLength(20);
        delivery.Property(d => d.LastError).HasMaxLength(500);
        delivery.Property(d => d.CreatedAt).HasDefaultValueSql(dialect.Now);
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt }); // the dispatcher's "what is due"
        delivery.HasIndex(d => new { d.WebhookId, d.Id }); // the delivery log, newest first
        delivery.HasIndex(d => d.CreatedAt); // the purge
    }
}

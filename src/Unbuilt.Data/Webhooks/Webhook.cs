namespace Unbuilt.Data.Webhooks;

/// A receiver outside the app that hears about operator events (flag changes, guard actions, alerts).
public sealed class Webhook
{
    public int Id { get; set; }
    public required string Url { get; set; }

    /// The event types it receives: flag.changed, guard.acted, alert.raised, alert.resolved.
    public List<string> Events { get; set; } = [];

    /// The body's shape: generic (signed JSON), slack (an incoming webhook's message) or pagerduty (Events API v2).
    public required string Format { get; set; }

    /// The HMAC key for X-Unbuilt-Signature, sealed with the app's data protection keys (never stored in clear).
    public string? ProtectedSecret { get; set; }

    /// PagerDuty's integration (routing) key, sealed like the secret.
    public string? ProtectedRoutingKey { get; set; }
    public int? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// One event to send to one webhook, kept until it is delivered or gives up, so a restart resumes what was pending.
public sealed class WebhookDelivery
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    public long Id { get; set; }
    public int WebhookId { get; set; }

    /// The event's id (the same for every webhook and every attempt), sent as X-Unbuilt-Event-Id.
    public Guid EventId { get; set; }
    public required string EventType { get; set; }

    /// The event as JSON; each attempt renders the webhook's format from it.
    public required string Payload { get; set; }

    /// pending, delivered or failed (gave up after the last attempt, or the receiver refused it with a 4xx).
    public required string Status { get; set; }
    public int Attempts { get; set; }

    /// When a pending delivery is next tried.
    public DateTime? NextAttemptAt { get; set; }

    /// A node sending it holds it until then, so two nodes never send one delivery at once.
    public DateTime? LeasedUntil { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
}

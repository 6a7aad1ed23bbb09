namespace Unbuilt.Webhooks;

/// POST /api/webhooks. `events`: flag.changed, guard.acted, alert.raised, alert.resolved. `format`: generic (default),
/// slack or pagerduty (which needs `routingKey` and takes no flag.changed). `secret` signs every body
/// (X-Unbuilt-Signature); neither it nor the routing key is ever sent back.
public sealed record CreateWebhookRequest(string? Url, List<string>? Events, string? Format, string? Secret, string? RoutingKey);

/// A webhook as the API shows it: whether a secret and a routing key are set, never their values.
public sealed record WebhookResponse(int Id, string Url, IReadOnlyList<string> Events, string Format, bool HasSecret,
    bool HasRoutingKey, DateTime CreatedAt, WebhookDeliveryCounts Deliveries);

public sealed record WebhookDeliveryCounts(int Pending, int Delivered, int Failed);

/// One event sent (or being sent) to one webhook. `statusCode` is the receiver's last answer, `error` what went
/// wrong last (a status with the start of its body, a timeout, a refused connection); `nextAttemptAt` is set while
/// it is pending.
public sealed record WebhookDeliveryResponse(long Id, Guid EventId, string Event, string Status, int Attempts,
    int? StatusCode, string? Error, DateTime CreatedAt, DateTime? LastAttemptAt, DateTime? NextAttemptAt, DateTime? DeliveredAt);

/// The newest deliveries first; pass `before` (the last id of a page) for the next page.
public sealed record WebhookDeliveriesResponse(IReadOnlyList<WebhookDeliveryResponse> Deliveries, long? NextBefore);

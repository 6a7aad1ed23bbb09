using System.Text.Json;
using Unbuilt.Api;
using Unbuilt.Monitoring;

namespace Unbuilt.Webhooks;

/// An operator event as a generic webhook receives it (the body, as JSON) and as a delivery row keeps it.
/// <param name="Id">The same for every webhook and every attempt (also X-Unbuilt-Event-Id): receivers de-duplicate on it.</param>
/// <param name="Key">What it is about, stable across a raise and its resolve (e.g. alert:error_rate:task_updated).</param>
public sealed record WebhookEvent(Guid Id, string Type, DateTimeOffset OccurredAt, string Summary, string Severity,
    string? Flag, string Key, IReadOnlyList<string> Details, JsonElement Data)
{
    /// Sent by POST /api/webhooks/{id}/test, to this webhook alone; a webhook need not subscribe to it.
    public const string TestType = "webhook.test";

    public static readonly JsonSerializerOptions Json = CreateJson();

    public static WebhookEvent From(OperatorEvent e, Guid id) =>
        new(id, e.Type, e.At, e.Summary, e.Severity, e.Flag, e.Key, e.Details, JsonSerializer.SerializeToElement(e.Data, Json));

    public static WebhookEvent Test(Guid id, DateTimeOffset at, string actor) =>
        new(id, TestType, at, $"Test event from Unbuilt, sent by {actor}", "info", null, $"test:{id}",
            ["If you can read this, the webhook works."], JsonSerializer.SerializeToElement(new { actor }, Json));

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static WebhookEvent Parse(string json) => JsonSerializer.Deserialize<WebhookEvent>(json, Json)!;

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiConventions.Configure(json);
        return json;
    }
}

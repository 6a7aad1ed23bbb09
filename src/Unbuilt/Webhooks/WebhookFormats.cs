using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Unbuilt.Webhooks;

/// The three bodies a webhook can take: generic (the event as JSON, signed), slack (an incoming webhook's message,
/// for people) and pagerduty (an Events API v2 event: alerts trigger and resolve one incident, the guard triggers).
public static class WebhookFormats
{
    public const string Generic = "generic";
    public const string Slack = "slack";
    public const string PagerDuty = "pagerduty";

    public static readonly IReadOnlyList<string> All = [Generic, Slack, PagerDuty];

    /// The event types each format can carry: a flag change is not an incident, so PagerDuty does not take it.
    public static IReadOnlyList<string> EventsFor(string format) => format == PagerDuty
        ? [Monitoring.OperatorEventTypes.GuardActed, Monitoring.OperatorEventTypes.AlertRaised, Monitoring.OperatorEventTypes.AlertResolved]
        : Monitoring.OperatorEventTypes.All;

    /// The bytes to POST for this event in this format (a generic body is the stored event exactly).
    public static byte[] Render(string format, string payload, string? routingKey, string source) => format switch
    {
        Slack => Serialize(SlackBody(WebhookEvent.Parse(payload))),
        PagerDuty => Serialize(PagerDutyBody(WebhookEvent.Parse(payload), routingKey ?? "", source)),
        _ => Encoding.UTF8.GetBytes(payload),
    };

    private static byte[] Serialize(JsonNode body) => Encoding.UTF8.GetBytes(body.ToJsonString());

    public static JsonObject SlackBody(WebhookEvent e)
    {
        var (icon, title) = e.Type switch
        {
            Monitoring.OperatorEventTypes.AlertRaised => (":rotating_light:", "Alert raised"),
            Monitoring.OperatorEventTypes.AlertResolved => (":white_check_mark:", "Alert resolved"),
            Monitoring.OperatorEventTypes.GuardActed => (":shield:", "Rollout guard acted"),
            Monitoring.OperatorEventTypes.FlagChanged => (":triangular_flag_on_post:", "Feature flag changed"),
            _ => (":wave:", "Test event"),
        };
        var blocks = new JsonArray
        {
            Section($"{icon} *{Escape(title)}*\n{Escape(e.Summary)}"),
        };
        if (e.Details.Count > 0)
            blocks.Add(Section(Cut(string.Join("\n", e.Details.Select(d => "• " + Escape(d))), 2900)));
        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray(new JsonObject
            {
                ["type"] = "mrkdwn",
                ["text"] = Escape($"{e.Type} · {e.Severity} · {e.OccurredAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC"),
            }),
        });
        // `text` is what a notification shows (and what Slack falls back to): the summary alone.
        return new JsonObject { ["text"] = e.Summary, ["blocks"] = blocks };
    }

    private static JsonObject Section(string markdown) => new()
    {
        ["type"] = "section",
        ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = markdown },
    };

    // Slack's control characters; everything else is shown as written.
    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// Events API v2. dedup_key is the event's key, so an alert's resolve closes the incident its raise opened; each
    /// guard action (and each test) has a key of its own, so it opens an incident of its own.
    public static JsonObject PagerDutyBody(WebhookEvent e, string routingKey, string source)
    {
        var dedupKey = $"unbuilt:{e.Key}";
        if (e.Type == Monitoring.OperatorEventTypes.AlertResolved)
            return new JsonObject { ["routing_key"] = routingKey, ["event_action"] = "resolve", ["dedup_key"] = dedupKey };
        return new JsonObject
        {
            ["routing_key"] = routingKey,
            ["event_action"] = "trigger",
            ["dedup_key"] = dedupKey,
            ["payload"] = new JsonObject
            {
                ["summary"] = Cut(e.Summary, 1024),
                ["source"] = source,
                ["severity"] = e.Severity,
                ["timestamp"] = e.OccurredAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                ["component"] = e.Flag,
                ["class"] = e.Type,
                ["custom_details"] = new JsonObject
                {
                    ["details"] = new JsonArray([.. e.Details.Select(d => (JsonNode?)JsonValue.Create(d))]),
                    ["data"] = JsonNode.Parse(e.Data.GetRawText()),
                },
            },
        };
    }

    /// `sha256=` and the hex HMAC-SHA256 of the body with the webhook's secret.
    public static string Signature(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}

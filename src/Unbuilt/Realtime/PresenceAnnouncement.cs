using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unbuilt.Realtime;

/// What one node tells the others, on Redis, about who is viewing which plan on it. Sequence numbers count up per
/// node: Redis keeps a node's announcements in order, but they are handled concurrently, so a receiver uses them to
/// ignore an announcement that arrives after a newer one.
public sealed record PresenceAnnouncement(
    string Node, long Sequence, PresenceAnnouncementKind Kind, double HeartbeatSeconds, IReadOnlyList<PlanViewers> Plans)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// Null for a message that is not an announcement.
    public static PresenceAnnouncement? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<PresenceAnnouncement>(json, Json) is { Node: not null, Plans: not null } announcement
                ? announcement
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// The distinct users viewing one plan on the announcing node.
public sealed record PlanViewers(int PlanId, IReadOnlyList<PresentUser> Viewers);

public enum PresenceAnnouncementKind
{
    /// The viewers of the listed plans changed on the node (an empty list: nobody views that plan there now).
    Changed,

    /// Every plan viewed on the node (a heartbeat, or an answer to a Hello); a plan not listed has no viewers there.
    State,

    /// A State from a node that has just started or reconnected to Redis: every other node answers with its State.
    Hello,

    /// The node is stopping: its viewers go at once.
    Goodbye,
}

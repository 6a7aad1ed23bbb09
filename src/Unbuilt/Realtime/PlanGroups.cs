using System.Globalization;

namespace Unbuilt.Realtime;

/// SignalR group names, built in one place so the hub, the publisher and every node agree.
public static class PlanGroups
{
    public static string Plan(int planId) => "plan:" + planId.ToString(CultureInfo.InvariantCulture);
}

/// What the hub sends: method names the clients subscribe to.
public static class HubMethods
{
    public const string PlanEvent = "PlanEvent";
    public const string FeatureChanged = "FeatureChanged";
    public const string AdminNotice = "AdminNotice";
    /// The connection no longer receives one plan's events (removed, plan deleted, feature off), and why.
    public const string AccessEnded = "AccessEnded";
    /// The user's role on a watched plan changed.
    public const string AccessChanged = "AccessChanged";
    /// The connection's session, token or account ended: the server closes it next, and the client must not reconnect.
    public const string SignedOut = "SignedOut";
}

/// The live form of a flag's answer for one user: sent when it changes (a rollback closes the feature within a second).
public sealed record FeatureChange(string Name, bool Enabled);

/// Resume's answer: the plan's version now, and whether the caller missed too much to replay and must fetch the
/// plan afresh instead.
public sealed record ResumeAnswer(int Version, bool Reload);

namespace Unbuilt.Realtime;

/// Tells the other nodes that this node's viewers of a plan changed. Never fails and never waits: the hub calls it
/// on every join, leave and disconnect.
public interface IPresenceAnnouncer
{
    void Announce(int planId);
}

/// A single node has nobody to tell.
public sealed class NoPresenceAnnouncer : IPresenceAnnouncer
{
    public void Announce(int planId) { }
}

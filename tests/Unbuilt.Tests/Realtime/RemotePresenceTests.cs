using Unbuilt.Realtime;
using static Unbuilt.Realtime.PresenceAnnouncementKind;

namespace Unbuilt.Tests.Realtime;

/// What a node keeps of the other nodes' viewers. Announcements from one node may be handled out of order, so the
/// newest one heard (by its sequence number) wins; a node's viewers expire three of its heartbeats after it was
/// last heard from, or at once when it says goodbye.
public sealed class RemotePresenceTests
{
    private const int Plan = 7;
    private static readonly PresentUser Ada = new(1, "Ada");
    private static readonly PresentUser Grace = new(2, "Grace");
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly RemotePresence remote = new();

    private static PresenceAnnouncement From(string node, long sequence, PresenceAnnouncementKind kind, params PlanViewers[] plans) =>
        new(node, sequence, kind, HeartbeatSeconds: 10, plans);

    private static PlanViewers Viewing(int planId, params PresentUser[] users) => new(planId, users);

    private IEnumerable<int> ViewerIds(int planId = Plan) => remote.Viewers(planId).Select(u => u.Id).Order();

    [Fact]
    public void A_late_older_change_does_not_bring_back_a_viewer_who_left()
    {
        Assert.Equal([Plan], remote.Apply(From("b", 2, Changed, Viewing(Plan, Ada, Grace)), Start));
        Assert.Equal([Plan], remote.Apply(From("b", 4, Changed, Viewing(Plan)), Start));

        Assert.Empty(remote.Apply(From("b", 3, Changed, Viewing(Plan, Ada)), Start));

        Assert.Empty(ViewerIds());
    }

    [Fact]
    public void A_state_replaces_what_is_older_and_keeps_a_newer_change()
    {
        remote.Apply(From("b", 1, Changed, Viewing(Plan, Ada), Viewing(8, Grace)), Start);
        remote.Apply(From("b", 5, Changed, Viewing(9, Ada)), Start);

        var changed = remote.Apply(From("b", 4, State, Viewing(Plan, Ada, Grace)), Start);

        Assert.Equal([7, 8], changed.Order());
        Assert.Equal([Ada.Id, Grace.Id], ViewerIds());
        Assert.Empty(ViewerIds(8));
        Assert.Equal([Ada.Id], ViewerIds(9)); // sequence 5 came after the state
        Assert.Empty(remote.Apply(From("b", 3, Changed, Viewing(8, Grace)), Start)); // older than the state
    }

    [Fact]
    public void Only_plans_whose_viewers_changed_are_reported()
    {
        remote.Apply(From("b", 1, State, Viewing(Plan, Ada)), Start);

        Assert.Empty(remote.Apply(From("b", 2, State, Viewing(Plan, Ada)), Start));
        Assert.Equal([Plan], remote.Apply(From("b", 3, Changed, Viewing(Plan, Ada, Grace)), Start));
    }

    [Fact]
    public void The_same_user_on_two_nodes_goes_only_when_both_have_dropped_them()
    {
        remote.Apply(From("b", 1, Changed, Viewing(Plan, Ada)), Start);
        remote.Apply(From("c", 1, Changed, Viewing(Plan, Ada)), Start);

        remote.Apply(From("b", 2, Changed, Viewing(Plan)), Start);

        Assert.Equal([Ada.Id], ViewerIds().Distinct());
    }

    [Fact]
    public void A_node_unheard_for_three_of_its_heartbeats_is_dropped()
    {
        remote.Apply(From("b", 1, State, Viewing(Plan, Ada)), Start);
        remote.Apply(From("c", 1, State, Viewing(Plan, Grace)), Start);
        remote.Apply(From("c", 2, State, Viewing(Plan, Grace)), Start.AddSeconds(20));

        var early = remote.Expire(Start.AddSeconds(29));
        Assert.Empty(early.Silent);
        Assert.Equal([Ada.Id, Grace.Id], ViewerIds());

        var (silent, changed) = remote.Expire(Start.AddSeconds(30));
        Assert.Equal(["b"], silent);
        Assert.Equal([Plan], changed);
        Assert.Equal([Grace.Id], ViewerIds());
        Assert.Equal(1, remote.NodeCount);
    }

    [Fact]
    public void A_goodbye_drops_the_node_at_once_and_nothing_late_from_it_comes_back()
    {
        remote.Apply(From("b", 1, State, Viewing(Plan, Ada)), Start);

        Assert.Equal([Plan], remote.Apply(From("b", 5, Goodbye), Start));
        Assert.Empty(ViewerIds());
        Assert.Empty(remote.Apply(From("b", 4, Changed, Viewing(Plan, Ada)), Start));
        Assert.Empty(ViewerIds());

        var (silent, changed) = remote.Expire(Start);
        Assert.Empty(silent);
        Assert.Empty(changed);
        Assert.Equal(0, remote.NodeCount);
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Unbuilt.Data.Plans;

namespace Unbuilt.Realtime;

/// One live connection as access checks see it: who it is, what proved it (a cookie's session or an API token),
/// the plans it watches with the role each was joined with, and whether it is in the admins group.
public sealed class LiveConnection(HubCallerContext context, int userId, int? sessionId, int? tokenId, bool admin)
{
    public HubCallerContext Context { get; } = context;
    public string Id => Context.ConnectionId;
    public int UserId { get; } = userId;
    public int? SessionId { get; } = sessionId;
    public int? TokenId { get; } = tokenId;

    /// The plans this connection receives events of, with the role it was last told.
    public ConcurrentDictionary<int, MemberRole> Plans { get; } = new();

    private int admin = admin ? 1 : 0;
    private int ending;

    public bool InAdmins
    {
        get => Volatile.Read(ref admin) == 1;
        set => Volatile.Write(ref admin, value ? 1 : 0);
    }

    /// True for the one caller that ends this connection; false once it is being ended.
    public bool TryBeginEnding() => Interlocked.Exchange(ref ending, 1) == 0;

    public bool Ending => Volatile.Read(ref ending) == 1;
}

/// This node's live connections, by connection id.
public sealed class LiveConnections
{
    private readonly ConcurrentDictionary<string, LiveConnection> all = new(StringComparer.Ordinal);

    public void Add(LiveConnection connection) => all[connection.Id] = connection;

    public void Remove(string connectionId) => all.TryRemove(connectionId, out _);

    public LiveConnection? Find(string connectionId) => all.GetValueOrDefault(connectionId);

    public IReadOnlyList<LiveConnection> All() => [.. all.Values];

    public IReadOnlyList<LiveConnection> OfUsers(IReadOnlySet<int> userIds) => [.. all.Values.Where(c => userIds.Contains(c.UserId))];

    public IReadOnlyList<LiveConnection> OnPlans(IReadOnlySet<int> planIds) =>
        [.. all.Values.Where(c => c.Plans.Keys.Any(planIds.Contains))];

    public int Count => all.Count;
}

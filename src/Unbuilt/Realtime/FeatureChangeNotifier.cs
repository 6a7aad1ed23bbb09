using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Unbuilt.FlagEngine;
using Unbuilt.Flags;

namespace Unbuilt.Realtime;

/// After every flag reload on this node (its own change, another node's through Redis, or the periodic safety
/// net), tells each connected user whose answer changed: a rollback closes the feature on open pages at once.
public sealed partial class FeatureChangeNotifier(
    ConnectedUsers users, IHubContext<PlansHub> hub, ILogger<FeatureChangeNotifier> logger)
    : IFlagSnapshotListener
{
    public void OnReloaded(FlagSnapshot snapshot) => _ = NotifyAsync(snapshot);

    private async Task NotifyAsync(FlagSnapshot snapshot)
    {
        try
        {
            foreach (var (userId, change) in users.Changes(snapshot).ToList())
                await hub.Clients.User(userId.ToString(CultureInfo.InvariantCulture)).SendAsync(HubMethods.FeatureChanged, change);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push flag changes to connected users")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

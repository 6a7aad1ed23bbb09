using Microsoft.AspNetCore.SignalR;
using Unbuilt.Monitoring;

namespace Unbuilt.Realtime;

/// Admin notices (the guard acted, an alert started) go to the log and, live, to every admin's open pages.
public sealed class HubAdminNotifier(IHubContext<PlansHub> hub, LogAdminNotifier log) : IAdminNotifier
{
    public const string AdminsGroup = "admins";

    public async Task NotifyAsync(AdminNotice notice, CancellationToken ct)
    {
        await log.NotifyAsync(notice, ct);
        await hub.Clients.Group(AdminsGroup).SendAsync(HubMethods.AdminNotice, notice, ct);
    }
}

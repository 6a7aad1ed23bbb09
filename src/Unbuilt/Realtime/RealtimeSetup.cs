using Unbuilt.Accounts;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Unbuilt.Api;
using Unbuilt.Flags;
using Unbuilt.Monitoring;
using Unbuilt.Plans.Changes;

namespace Unbuilt.Realtime;

/// SignalR over WebSockets only (clients skip negotiation, so no sticky sessions are needed). It provides what the
/// other features send live through: the plan change publisher, the admin notifier, the realtime stats monitoring
/// reads, and the access checks accounts announce to.
public static class RealtimeSetup
{
    public static WebApplicationBuilder AddRealtime(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RealtimeOptions.Section).Get<RealtimeOptions>() ?? new();
        options.Validate();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<PresenceTracker>();
        builder.Services.AddSingleton<RemotePresence>();
        builder.Services.AddSingleton<PresenceNotifier>();
        builder.Services.AddSingleton<ConnectedUsers>();
        builder.Services.AddSingleton<IFlagSnapshotListener, FeatureChangeNotifier>();
        builder.Services.AddSingleton<PresenceChanges>();
        builder.Services.AddSingleton<LiveConnections>();
        builder.Services.AddSingleton<LiveAccessCheck>();
        builder.Services.AddSingleton<LiveAccessEnforcer>();
        builder.Services.AddSingleton<LiveAccess>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveAccess>());
        builder.Services.AddSingleton<IFlagSnapshotListener>(sp => sp.GetRequiredService<LiveAccess>());
        builder.Services.AddSingleton<IAccessListener, RemoteAccessChanges>();
        builder.Services.AddSingleton<IAccessChanges, AccessChanges>();
        builder.Services.AddSingleton<InvocationRateFilter>(); // one instance, so its buckets outlive a call
        builder.Services.AddSingleton<RealtimeCounters>();
        builder.Services.AddSingleton<IRealtimeStats>(sp => sp.GetRequiredService<RealtimeCounters>());
        builder.Services.AddSingleton<IAdminNotifier, HubAdminNotifier>();
        builder.Services.AddSingleton<IPlanChangePublisher, HubPlanChangePublisher>();

        // The Redis backplane, when there are several nodes, is added in ScaleOutSetup.
        builder.Services.AddSignalR(hub =>
            {
                hub.MaximumReceiveMessageSize = options.MaxMessageBytes;
                hub.MaximumParallelInvocationsPerClient = 1;
                hub.AddFilter<InvocationRateFilter>();
            })
            .AddJsonProtocol(json => ApiConventions.Configure(json.PayloadSerializerOptions));
        return builder;
    }

    /// In the pipeline before routing: lets the hub tell a dropped socket from a closed one (HubSockets).
    public static void UseRealtime(this IApplicationBuilder app) => HubSockets.Remember(app);

    public static void MapRealtime(this IEndpointRouteBuilder app) =>
        app.MapHub<PlansHub>(PlansHub.Path, hub => hub.Transports = HttpTransportType.WebSockets);
}

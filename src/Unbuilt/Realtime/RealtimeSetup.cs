using Unbuilt.Accounts;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;
using Unbuilt.Api;
using Unbuilt.Monitoring;
using Unbuilt.Plans.Changes;

namespace Unbuilt.Realtime;

/// SignalR over WebSockets only (clients skip negotiation, so no sticky sessions are needed), with the Redis
/// backplane when `Redis__Connection` is set. Call after the plans and monitoring features: it replaces their
/// plan change publisher, realtime stats and admin notifier with live ones.
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
        builder.Services.TryAddSingleton<IPresenceAnnouncer, NoPresenceAnnouncer>(); // AddScaleOut's Redis channel, if it came first
        builder.Services.AddSingleton<ConnectedUsers>();
        builder.Services.AddSingleton<LiveConnections>();
        builder.Services.AddSingleton<LiveAccess>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveAccess>());
        builder.Services.Replace(ServiceDescriptor.Singleton<IAccessChanges>(sp => sp.GetRequiredService<LiveAccess>()));
        builder.Services.AddSingleton<InvocationRateFilter>(); // one instance, so its buckets outlive a call
        builder.Services.AddHostedService<FeatureChangeNotifier>();
        builder.Services.AddSingleton<RealtimeCounters>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IRealtimeStats>(sp => sp.GetRequiredService<RealtimeCounters>()));
        builder.Services.TryAddSingleton<LogAdminNotifier>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IAdminNotifier, HubAdminNotifier>());
        builder.Services.Replace(ServiceDescriptor.Singleton<IPlanChangePublisher, HubPlanChangePublisher>());

        var signalR = builder.Services.AddSignalR(hub =>
            {
                hub.MaximumReceiveMessageSize = options.MaxMessageBytes;
                hub.MaximumParallelInvocationsPerClient = 1;
                hub.AddFilter<InvocationRateFilter>();
            })
            .AddJsonProtocol(json => ApiConventions.Configure(json.PayloadSerializerOptions));
        if (builder.Configuration["Redis:Connection"] is { Length: > 0 } redis)
            signalR.AddStackExchangeRedis(redis, backplane =>
            {
                backplane.Configuration.ChannelPrefix = RedisChannel.Literal("unbuilt");
                backplane.Configuration.AbortOnConnectFail = false;
                // While Redis is away a publish fails at once (the write stands; clients catch up through the version
                // gap) instead of waiting out the 5 s backlog timeout inside every write to a plan.
                backplane.Configuration.BacklogPolicy = BacklogPolicy.FailFast;
            });
        return builder;
    }

    /// In the pipeline before routing: lets the hub tell a dropped socket from a closed one (HubSockets).
    public static void UseRealtime(this IApplicationBuilder app) => HubSockets.Remember(app);

    public static void MapRealtime(this IEndpointRouteBuilder app) =>
        app.MapHub<PlansHub>(PlansHub.Path, hub => hub.Transports = HttpTransportType.WebSockets);
}

using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;
using Unbuilt.Flags;

namespace Unbuilt.Realtime;

/// The one place that decides how nodes hear each other. With `Redis__Connection` set, flag invalidations, presence,
/// access announcements and live plan events (SignalR's backplane) go through Redis; without it, one node keeps them
/// in process and has nobody else to tell.
public static class ScaleOutSetup
{
    public static WebApplicationBuilder AddScaleOut(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration["Redis:Connection"];
        if (string.IsNullOrWhiteSpace(configuration))
        {
            services.AddSingleton<IFlagInvalidationBus, InProcessFlagInvalidationBus>();
            services.AddSingleton<IPresenceAnnouncer, NoPresenceAnnouncer>();
            services.AddSingleton<IAccessAnnouncer, NoAccessAnnouncer>();
            return builder;
        }

        services.AddSingleton(sp => new RedisConnection(configuration, sp.GetRequiredService<ILogger<RedisConnection>>()));
        services.AddSingleton<RedisFlagInvalidationBus>();
        services.AddSingleton<IFlagInvalidationBus>(sp => sp.GetRequiredService<RedisFlagInvalidationBus>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisFlagInvalidationBus>());
        services.AddSingleton<RedisPresenceChannel>();
        services.AddSingleton<IPresenceAnnouncer>(sp => sp.GetRequiredService<RedisPresenceChannel>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisPresenceChannel>());
        services.AddSingleton<RedisAccessChannel>();
        services.AddSingleton<IAccessAnnouncer>(sp => sp.GetRequiredService<RedisAccessChannel>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisAccessChannel>());
        services.AddSignalR().AddStackExchangeRedis(configuration, backplane =>
        {
            backplane.Configuration.ChannelPrefix = RedisChannel.Literal("unbuilt");
            backplane.Configuration.AbortOnConnectFail = false;
            // While Redis is away a publish fails at once (the write stands; clients catch up through the version
            // gap) instead of waiting out the 5 s backlog timeout inside every write to a plan.
            backplane.Configuration.BacklogPolicy = BacklogPolicy.FailFast;
        });
        return builder;
    }
}

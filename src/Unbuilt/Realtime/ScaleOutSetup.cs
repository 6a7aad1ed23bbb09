using Unbuilt.Flags;

namespace Unbuilt.Realtime;

/// With `Redis__Connection` set, nodes share flag invalidations, presence (and, with the hub, live updates) through
/// Redis. Without it, a single node needs nothing extra.
public static class ScaleOutSetup
{
    public static WebApplicationBuilder AddScaleOut(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration["Redis:Connection"];
        if (string.IsNullOrWhiteSpace(configuration)) return builder;
        builder.Services.AddSingleton(sp => new RedisConnection(configuration, sp.GetRequiredService<ILogger<RedisConnection>>()));
        builder.Services.AddSingleton<RedisFlagInvalidationBus>();
        builder.Services.AddSingleton<IFlagInvalidationBus>(sp => sp.GetRequiredService<RedisFlagInvalidationBus>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisFlagInvalidationBus>());
        builder.Services.AddSingleton<RedisPresenceChannel>();
        builder.Services.AddSingleton<IPresenceAnnouncer>(sp => sp.GetRequiredService<RedisPresenceChannel>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisPresenceChannel>());
        builder.Services.AddSingleton<RedisAccessChannel>();
        builder.Services.AddSingleton<IAccessAnnouncer>(sp => sp.GetRequiredService<RedisAccessChannel>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisAccessChannel>());
        return builder;
    }
}

using Microsoft.Extensions.Options;

namespace Unbuilt.Settings;

public static class SettingsSetup
{
    public static WebApplicationBuilder AddUnbuiltSettings(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<UnbuiltOptions>(builder.Configuration.GetSection(UnbuiltOptions.Section));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<UnbuiltOptions>>().Value);
        builder.Services.AddSingleton(TimeProvider.System);
        var options = builder.Configuration.GetSection(UnbuiltOptions.Section).Get<UnbuiltOptions>() ?? new();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });
        return builder;
    }
}

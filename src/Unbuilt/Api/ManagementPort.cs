using Microsoft.Extensions.Options;

namespace Unbuilt.Api;

/// `Unbuilt:Management:Urls`: where /metrics and /health/* are served instead of the public address, e.g.
/// `http://127.0.0.1:9090` or `http://0.0.0.0:9090` inside a private network. Empty (the default): they are served
/// beside the app, as a single-node set-up expects.
public sealed class ManagementOptions
{
    public const string Section = "Unbuilt:Management";

    public string Urls { get; set; } = "";

    public IReadOnlyList<string> UrlList => Urls.Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlySet<int> Ports => UrlList.Select(url => new Uri(url.Replace("://*", "://localhost").Replace("://+", "://localhost")).Port).ToHashSet();
}

/// Marks an endpoint that belongs on the management port.
public sealed record ManagementEndpoint;

public static class ManagementPort
{
    public static WebApplicationBuilder AddManagementPort(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ManagementOptions>(builder.Configuration.GetSection(ManagementOptions.Section));
        var management = builder.Configuration.GetSection(ManagementOptions.Section).Get<ManagementOptions>() ?? new();
        if (management.UrlList.Count == 0) return builder;
        var main = (builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? "http://127.0.0.1:5000")
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        builder.WebHost.UseUrls([.. main, .. management.UrlList]);
        return builder;
    }

    /// Serves the endpoint only on the management port when one is configured (and everywhere otherwise).
    public static TBuilder OnManagementPort<TBuilder>(this TBuilder builder, IEndpointRouteBuilder app)
        where TBuilder : IEndpointConventionBuilder
    {
        var ports = app.ServiceProvider.GetRequiredService<IOptions<ManagementOptions>>().Value.Ports;
        builder.WithMetadata(new ManagementEndpoint());
        return ports.Count == 0 ? builder : builder.RequireHost([.. ports.Select(port => $"*:{port}")]);
    }

    /// On the management port, nothing but the management endpoints answers.
    public static IApplicationBuilder UseManagementPort(this IApplicationBuilder app)
    {
        var ports = app.ApplicationServices.GetRequiredService<IOptions<ManagementOptions>>().Value.Ports;
        if (ports.Count == 0) return app;
        return app.Use(async (context, next) =>
        {
            if (ports.Contains(context.Connection.LocalPort) && context.GetEndpoint()?.Metadata.GetMetadata<ManagementEndpoint>() is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        });
    }
}

using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Unbuilt.Settings;

namespace Unbuilt.Hosting;

/// Behind a reverse proxy every connection comes from the proxy, over plain HTTP: the rate limits would count every
/// client as one address and cookies would not be Secure. `Unbuilt:ForwardedHeaders:KnownProxies` (addresses) and
/// `:KnownNetworks` (CIDR ranges) name the proxies whose X-Forwarded-For and X-Forwarded-Proto are believed. Without
/// either, no forwarded header is believed from anyone: a client could otherwise pick its own address and scheme.
public static class ForwardedHeadersSetup
{
    public const string Section = $"{UnbuiltOptions.Section}:ForwardedHeaders";

    /// Call first, so everything after it (outcomes, rate limits, cookies, HSTS, the origin check) sees the client.
    public static IApplicationBuilder UseProxyHeaders(this WebApplication app)
    {
        var options = From(app.Configuration);
        return options is null ? app : app.UseForwardedHeaders(options);
    }

    /// Null when no proxy is configured; throws with the setting's name on an entry that is not an address or range.
    public static ForwardedHeadersOptions? From(IConfiguration configuration)
    {
        var proxies = Split(configuration[$"{Section}:KnownProxies"]).Select(item => IPAddress.TryParse(item, out var address)
            ? address : throw Invalid("KnownProxies", item, "an IP address, e.g. 10.0.0.5")).ToList();
        var networks = Split(configuration[$"{Section}:KnownNetworks"]).Select(item => System.Net.IPNetwork.TryParse(item, out var network)
            ? network : throw Invalid("KnownNetworks", item, "a CIDR range, e.g. 10.0.0.0/8")).ToList();
        if (proxies.Count == 0 && networks.Count == 0) return null;

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Every hop in the chain that is a known proxy is unwrapped; the first unknown one is the client.
            ForwardLimit = null,
        };
        // The defaults trust loopback; only what is configured counts.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies) options.KnownProxies.Add(proxy);
        foreach (var network in networks) options.KnownIPNetworks.Add(network);
        return options;
    }

    private static string[] Split(string? value) =>
        (value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static InvalidOperationException Invalid(string key, string item, string expected) =>
        new($"{Section}:{key} has '{item}', which is not {expected}.");
}

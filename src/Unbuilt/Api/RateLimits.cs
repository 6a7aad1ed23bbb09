using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Unbuilt.Hosting;

namespace Unbuilt.Api;

/// Login attempts per client address, and API calls per user (or address when anonymous); 429 with Retry-After.
public static class RateLimits
{
    public const string LoginPolicy = "login";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(UnbuiltOptions.Section).Get<UnbuiltOptions>()?.RateLimits ?? new();
        builder.Services.AddRateLimiter(options =>
        {
            options.OnRejected = Reject;
            options.AddPolicy(LoginPolicy, http => RateLimitPartition.GetFixedWindowLimiter(ClientAddress(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.LoginPerMinute, Window = TimeSpan.FromMinutes(1) }));
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                !http.Request.Path.StartsWithSegments("/api")
                    ? RateLimitPartition.GetNoLimiter("")
                    : RateLimitPartition.GetTokenBucketLimiter(Caller(http), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.ApiPerMinute,
                        TokensPerPeriod = Math.Max(1, limits.ApiPerMinute / 60),
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    }));
        });
        return builder;
    }

    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string Caller(HttpContext http) =>
        http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? "user:" + id : "ip:" + ClientAddress(http);

    private static async ValueTask Reject(OnRejectedContext context, CancellationToken ct)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"Slow down: try again in {seconds} s.");
    }
}

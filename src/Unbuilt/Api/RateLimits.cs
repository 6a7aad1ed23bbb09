using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Unbuilt.Api;

/// Rate limits, all answering 429 problem details with Retry-After:
/// - sign-in attempts per client address (the login endpoint's policy);
/// - API calls per user, or per address when anonymous; other routes (not static files) the same way;
/// - 401 and 403 answers per address, checked before authentication (<see cref="UseFailedAuthLimit"/>).
public static class RateLimits
{
    public const string LoginPolicy = "login";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new();
        builder.Services.AddRateLimiter(options =>
        {
            options.OnRejected = (context, ct) => RejectAsync(context.HttpContext, context.Lease);
            options.AddPolicy(LoginPolicy, http => RateLimitPartition.GetFixedWindowLimiter(ClientAddress(http),
                _ => PerMinute(limits.LoginPerMinute)));
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments("/api") ? TokenBucket(Caller(http), limits.ApiPerMinute)
                // No endpoint: a static file (or a 404), served from memory or disk without the app's work.
                : http.GetEndpoint() is null ? RateLimitPartition.GetNoLimiter("")
                // Signed-in callers (the live channel) count per user, as on the API; anonymous ones per address.
                : RateLimitPartition.GetFixedWindowLimiter("other:" + Caller(http), _ => PerMinute(limits.OtherPerMinute)));
        });
        builder.Services.AddSingleton(new FailedAuthLimiter(PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetFixedWindowLimiter(address, _ => PerMinute(limits.FailedAuthPerMinute)))));
        return builder;
    }

    /// Place before authentication: an address that used up its 401/403 answers gets 429 without its credentials
    /// being looked at; every 401 or 403 it receives uses one up.
    public static IApplicationBuilder UseFailedAuthLimit(this IApplicationBuilder app)
    {
        var limiter = app.ApplicationServices.GetRequiredService<FailedAuthLimiter>().Limiter;
        return app.Use(async (context, next) =>
        {
            var address = ClientAddress(context);
            using (var available = limiter.AttemptAcquire(address, 0))
            {
                if (!available.IsAcquired)
                {
                    await RejectAsync(context, available);
                    return;
                }
            }
            await next(context);
            if (context.Response.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
                limiter.AttemptAcquire(address).Dispose();
        });
    }

    public static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string Caller(HttpContext http) =>
        http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? "user:" + id : "ip:" + ClientAddress(http);

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };

    private static RateLimitPartition<string> TokenBucket(string key, int perMinute) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = Math.Max(1, perMinute / 60),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        });

    private static async ValueTask RejectAsync(HttpContext http, RateLimitLease lease)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Problems.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"Slow down: try again in {seconds} s.");
    }
}

/// The per-address count of 401 and 403 answers (a singleton: one count per process).
public sealed class FailedAuthLimiter(PartitionedRateLimiter<string> limiter)
{
    public PartitionedRateLimiter<string> Limiter => limiter;
}

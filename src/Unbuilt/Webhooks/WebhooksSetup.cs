using Microsoft.Extensions.DependencyInjection.Extensions;
using Unbuilt.Monitoring;

namespace Unbuilt.Webhooks;

/// Webhooks: operator events (flag changes, guard actions, alerts) sent to receivers outside the app — generic
/// signed JSON, Slack or PagerDuty — through a bounded queue and durable delivery rows, with retries.
public static class WebhooksSetup
{
    /// The clock webhooks keep time by (attempt times, backoff, timeouts); the app's, unless a test replaces it.
    public const string ClockKey = "webhooks";

    public static WebApplicationBuilder AddWebhooks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebhookOptions>().Bind(builder.Configuration.GetSection(WebhookOptions.Section))
            .Validate(WebhookOptions.IsValid, "Unbuilt:Webhooks: MaxAttempts 1–100, TimeoutSeconds 1–300, " +
                "RetryMaxSeconds ≥ RetryBaseSeconds ≥ 1, MaxConcurrentDeliveries 1–64, the rest at least 1.").ValidateOnStart();
        services.TryAddKeyedSingleton<TimeProvider>(ClockKey, (sp, _) => sp.GetRequiredService<TimeProvider>());
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookQueue>();
        services.Replace(ServiceDescriptor.Singleton<IOperatorEvents>(sp => sp.GetRequiredService<WebhookQueue>()));
        // No redirects: a receiver answers where it was registered, or the delivery fails and says so.
        services.AddHttpClient(WebhookDispatcher.HttpClientName, http =>
            {
                http.Timeout = Timeout.InfiniteTimeSpan; // each attempt has its own (TimeoutSeconds, on the webhooks clock)
                http.DefaultRequestHeaders.UserAgent.ParseAdd("Unbuilt-Webhooks/1");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddHostedService<WebhookDispatcher>();
        return builder;
    }
}

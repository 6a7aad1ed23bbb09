using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Unbuilt.Webhooks;

namespace Unbuilt.Tests.Webhooks;

/// The app with webhooks on a clock the test moves (backoff passes without waiting): retries after 10 s,
/// doubling, and the poll far away, so only the doorbell and the test's clock make the dispatcher look.
public sealed class WebhookServer : UnbuiltServer
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override IEnumerable<string> Settings =>
    [
        "Unbuilt:Webhooks:RetryBaseSeconds=10",
        "Unbuilt:Webhooks:RetryMaxSeconds=600",
        "Unbuilt:Webhooks:MaxAttempts=3",
        "Unbuilt:Webhooks:TimeoutSeconds=300", // moving the clock never times out a request in flight
        "Unbuilt:Webhooks:PollSeconds=3600",
        "Unbuilt:Webhooks:Source=unbuilt-test",
    ];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddKeyedSingleton<TimeProvider>(WebhooksSetup.ClockKey, Clock);
}

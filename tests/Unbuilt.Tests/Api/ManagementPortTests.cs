using System.Net;
using System.Net.Sockets;
using Unbuilt.Api;

namespace Unbuilt.Tests.Api;

/// /metrics and /health on a port of their own, as the deployment guide's production set-up asks.
public sealed class ManagementPortServer : UnbuiltServer
{
    public int ManagementPort { get; } = FreePort();

    protected override IEnumerable<string> Settings => [$"Unbuilt:Management:Urls=http://127.0.0.1:{ManagementPort}"];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class ManagementPortTests(ManagementPortServer server) : IntegrationTest<ManagementPortServer>(server)
{
    [Fact]
    public async Task Metrics_and_health_answer_on_the_management_port_only_and_nothing_else_does()
    {
        var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Server.ManagementPort}") };
        var app = Server.Client();

        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/health/ready")).StatusCode);
        Assert.Contains("# TYPE", await management.GetStringAsync("/metrics"));
        Assert.Equal(HttpStatusCode.NotFound, (await management.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await management.GetAsync("/openapi/v1.json")).StatusCode);

        Assert.DoesNotContain("# TYPE", await app.GetStringAsync("/metrics"));
        Assert.NotEqual("Healthy", await (await app.GetAsync("/health/ready")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetAsync("/api/me")).StatusCode);
    }
}

using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Unbuilt.Tests.Webhooks;

/// A webhook receiver inside the test: Kestrel on 127.0.0.1 and a free port. It answers each request with the next
/// planned status (200 once the plan runs out), or holds it unanswered while Hang is set, and hands every request
/// it got to the test.
public sealed class TestReceiver : IAsyncDisposable
{
    private static readonly TimeSpan BoundedWait = TimeSpan.FromSeconds(20);
    private readonly WebApplication app;
    private readonly Channel<ReceivedRequest> received = Channel.CreateUnbounded<ReceivedRequest>();
    private readonly Queue<int> statuses = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestReceiver(WebApplication app) => this.app = app;

    public Uri Url { get; private set; } = null!;

    /// While true, requests are received (and reported) but not answered until Release.
    public bool Hang { get; set; }

    public static async Task<TestReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new TestReceiver(builder.Build());
        receiver.app.MapPost("/hook", receiver.HandleAsync);
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    public void Answer(params int[] planned)
    {
        lock (statuses) foreach (var status in planned) statuses.Enqueue(status);
    }

    /// Answers the held requests (with 200) and stops holding.
    public void Release()
    {
        Hang = false;
        release.TrySetResult();
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        await received.Writer.WriteAsync(new ReceivedRequest(headers, body.ToArray()));
        if (Hang) await release.Task.WaitAsync(stopping.Token);
        int status;
        lock (statuses) status = statuses.TryDequeue(out var planned) ? planned : 200;
        http.Response.StatusCode = status;
        await http.Response.WriteAsync(status >= 400 ? "receiver says no" : "ok");
    }

    /// The next request the receiver got, waiting for it within a bound.
    public async Task<ReceivedRequest> NextAsync()
    {
        using var timeout = new CancellationTokenSource(BoundedWait);
        try
        {
            return await received.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException("The receiver got no request within the bounded wait.");
        }
    }

    public bool TryNext(out ReceivedRequest request) => received.Reader.TryRead(out request!);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }
}

public sealed record ReceivedRequest(IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}

using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace Unbuilt.Tests.Realtime;

/// A real SignalR client over a real WebSocket (negotiation skipped, as the web app does), collecting what it hears.
public sealed class LiveClient : IAsyncDisposable
{
    private readonly Channel<JsonElement> planEvents = Channel.CreateUnbounded<JsonElement>();
    private readonly Channel<JsonElement> featureChanges = Channel.CreateUnbounded<JsonElement>();
    private readonly Channel<(string Method, JsonElement Body)> notices = Channel.CreateUnbounded<(string, JsonElement)>();
    private readonly TaskCompletionSource<Exception?> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public HubConnection Connection { get; }

    /// Completes when the connection ends, with the error the server closed it with (null for a clean close).
    public Task<Exception?> Closed => closed.Task;

    private LiveClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<JsonElement>("PlanEvent", e => planEvents.Writer.TryWrite(e));
        connection.On<JsonElement>("FeatureChanged", e => featureChanges.Writer.TryWrite(e));
        foreach (var method in (string[])["AccessEnded", "AccessChanged", "SignedOut", "AdminNotice"])
            connection.On<JsonElement>(method, e => notices.Writer.TryWrite((method, e)));
        connection.Closed += error => Task.FromResult(closed.TrySetResult(error));
    }

    public static Task<LiveClient> ConnectAsync(Uri server, string? token) =>
        ConnectAsync(server, options =>
        {
            if (token is not null) options.AccessTokenProvider = () => Task.FromResult<string?>(token);
        });

    /// Signed in by a browser's auth cookie instead of a token.
    public static Task<LiveClient> ConnectWithCookieAsync(Uri server, string authCookie) =>
        ConnectAsync(server, options => options.Headers["Cookie"] = "unbuilt_auth=" + authCookie);

    private static async Task<LiveClient> ConnectAsync(Uri server, Action<HttpConnectionOptions> signIn)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "/hubs/plans"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                signIn(options);
            })
            .Build();
        var client = new LiveClient(connection);
        await connection.StartAsync();
        return client;
    }

    public Task JoinAsync(int planId) => Connection.InvokeAsync("JoinPlan", planId);

    /// The next plan change (presence events skipped), or a failure after a bounded wait.
    public Task<JsonElement> NextChangeAsync() => NextAsync(planEvents, e => !IsPresence(e));

    public Task<JsonElement> NextPresenceAsync() => NextAsync(planEvents, IsPresence);

    /// Reads presence events until one names exactly these users; fails after a bounded wait, saying what it last heard.
    public async Task WaitForViewersAsync(params int[] userIds)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var last = "no presence event";
        while (true)
        {
            JsonElement presence;
            try
            {
                presence = await NextAsync(planEvents, IsPresence, TimeSpan.FromTicks(Math.Max(1, (deadline - DateTime.UtcNow).Ticks)));
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"never heard the viewers [{string.Join(", ", userIds.Order())}] within 10 s; last heard: {last}");
                throw;
            }
            var ids = presence.GetProperty("data").GetProperty("viewers").EnumerateArray()
                .Select(v => v.GetProperty("id").GetInt32()).Order().ToList();
            if (ids.SequenceEqual(userIds.Order())) return;
            last = $"[{string.Join(", ", ids)}]";
        }
    }

    private static bool IsPresence(JsonElement e) => e.GetProperty("type").GetString() == "presence.changed";

    public Task<JsonElement> NextFeatureChangeAsync() => NextAsync(featureChanges, _ => true);

    /// The next AccessEnded, AccessChanged, SignedOut or AdminNotice (whichever comes first) with its method name.
    public async Task<(string Method, JsonElement Body)> NextNoticeAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(10));
        return await notices.Reader.ReadAsync(timeout.Token);
    }

    /// The next notice, which must be <paramref name="method"/>; its body.
    public async Task<JsonElement> ExpectNoticeAsync(string method)
    {
        var (heard, body) = await NextNoticeAsync();
        Assert.Equal(method, heard);
        return body;
    }

    /// True when no notice arrives within <paramref name="within"/>.
    public async Task<bool> NoNoticeWithinAsync(TimeSpan within)
    {
        try
        {
            var (method, body) = await NextNoticeAsync(within);
            Assert.Fail($"heard {method} {body}");
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// The next plan change that <paramref name="wanted"/> accepts (others are skipped), or null after <paramref name="within"/>.
    public async Task<JsonElement?> TryNextChangeAsync(Func<JsonElement, bool> wanted, TimeSpan within)
    {
        try
        {
            return await NextAsync(planEvents, e => !IsPresence(e) && wanted(e), within);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static async Task<JsonElement> NextAsync(Channel<JsonElement> channel, Func<JsonElement, bool> wanted, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var next = await channel.Reader.ReadAsync(timeout.Token);
            if (wanted(next)) return next;
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}

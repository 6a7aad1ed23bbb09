using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Realtime;

namespace Unbuilt.Tests.Realtime;

/// Small bounds on what one live connection may cause, set the way an operator sets them, so that a test reaches
/// each of them in a handful of calls.
public sealed class BoundedHubServer : UnbuiltServer
{
    public const int MaxResumeEvents = 5;
    public const int InvocationsPerMinute = 8;
    public const int MaxConnectionsPerUser = 3;

    protected override IEnumerable<string> Settings =>
    [
        $"Unbuilt:Realtime:MaxResumeEvents={MaxResumeEvents}",
        $"Unbuilt:Realtime:InvocationsPerMinute={InvocationsPerMinute}",
        $"Unbuilt:Realtime:MaxConnectionsPerUser={MaxConnectionsPerUser}",
    ];

    /// This node's live connections, counted the way the hub counts them.
    public ConnectedUsers Users => Services.GetRequiredService<ConnectedUsers>();

    /// Waits (10 s at most) until the hub has caught up with connections that closed: a client's close returns
    /// before the server has run its disconnect.
    public async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10),
                $"waited 10 s for {what}: {Users.ConnectionCount} connections of {Users.UserCount} users on the node");
            await Task.Delay(20);
        }
    }
}

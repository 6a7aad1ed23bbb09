using Unbuilt.Hosting;
using Unbuilt.Realtime;

namespace Unbuilt.Tests.Realtime;

/// A live-connection limit out of range stops the server at start-up, naming the key, instead of leaving a limit
/// that refuses every call or none.
public sealed class RealtimeOptionsTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        var options = new RealtimeOptions();

        options.Validate();

        Assert.Equal((500, 600, 20), (options.MaxResumeEvents, options.InvocationsPerMinute, options.MaxConnectionsPerUser));
    }

    [Theory]
    [InlineData("MaxResumeEvents", "0")]
    [InlineData("MaxResumeEvents", "-5")]
    [InlineData("InvocationsPerMinute", "0")]
    [InlineData("MaxConnectionsPerUser", "0")]
    [InlineData("MaxConnectionsPerUser", "100000")]
    [InlineData("PresenceHeartbeatSeconds", "0")]
    public void A_value_out_of_range_stops_the_server_naming_the_key(string key, string value)
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => UnbuiltWebApp.Build([$"--Unbuilt:Realtime:{key}={value}"]));

        Assert.Contains($"Unbuilt:Realtime:{key}", refusal.Message);
    }
}

using Unbuilt.LoadTest;

namespace Unbuilt.Tests.LoadTest;

public sealed class DurationTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("2m", 120)]
    [InlineData("1m30s", 90)]
    [InlineData("45", 45)]
    [InlineData(" 3S ", 3)]
    public void Durations_read_as_seconds_and_minutes(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), LoadTestSettings.ParseDuration(text));

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5h")]
    [InlineData("m")]
    [InlineData("10s5")]
    [InlineData("99999999999s")]
    public void Anything_else_is_refused_with_the_option_named(string text) =>
        Assert.Contains("--duration", Assert.Throws<LoadTestException>(() => LoadTestSettings.ParseDuration(text)).Message);
}

using Unbuilt.LoadTest;

namespace Unbuilt.Tests.LoadTest;

/// --live-url: repeated or comma-separated, each an http(s) server URL; anything else is refused naming the option.
public sealed class LiveUrlTests
{
    [Fact]
    public void Repeated_and_comma_separated_values_all_count_in_order()
    {
        var urls = LoadTestSettings.ParseLiveUrls(["http://node-b:5000, https://node-c", "http://127.0.0.1:5002/"]);

        Assert.Equal(["http://node-b:5000/", "https://node-c/", "http://127.0.0.1:5002/"], urls.Select(u => u.ToString()));
    }

    [Fact]
    public void No_value_means_the_url_node()
    {
        Assert.Empty(LoadTestSettings.ParseLiveUrls([]));
        var live = new LiveNodes([], new Uri("http://node-a:5000/"));
        Assert.Equal(new Uri("http://node-a:5000/"), live.For(3));
        Assert.Empty(live.Others);
    }

    [Fact]
    public void Sockets_take_the_live_nodes_in_turn_and_the_url_node_is_not_an_other()
    {
        var (a, b) = (new Uri("http://node-a:5000/"), new Uri("http://node-b:5000/"));
        var live = new LiveNodes([a, b, b], a);

        Assert.Equal([a, b, b, a], Enumerable.Range(0, 4).Select(live.For));
        Assert.Equal([b], live.Others);
    }

    [Theory]
    [InlineData("node-b:5000")]
    [InlineData("ftp://node-b")]
    [InlineData("http://node-b:5000,")]
    [InlineData("http://node-b/?x=1")]
    [InlineData("not a url")]
    public void Anything_else_is_refused_with_the_option_named(string value) =>
        Assert.Contains("--live-url", Assert.Throws<LoadTestException>(() => LoadTestSettings.ParseLiveUrls([value])).Message);
}

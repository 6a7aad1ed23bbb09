using Unbuilt.Hosting;

namespace Unbuilt.Tests.Hosting;

public sealed class SecurityHeadersTests(UnbuiltServer server) : IntegrationTest(server)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/plans/42")] // a client route: the fallback's index.html
    [InlineData("/api/me")] // a 401 problem
    [InlineData("/api/no-such-thing")]
    [InlineData("/health/live")]
    public async Task Every_answer_carries_the_strict_policy_and_the_other_defenses(string path)
    {
        var response = await Server.Client().GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Equal(SecurityHeaders.AppPolicy, csp);
        foreach (var directive in new[] { "default-src 'self'", "script-src 'self';", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'" })
            Assert.Contains(directive, csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS only over HTTPS");
    }

    [Fact]
    public async Task The_app_page_has_no_inline_script_the_policy_would_block()
    {
        var html = await Server.Client().GetStringAsync("/");

        Assert.Contains("<script type=\"module\" crossorigin src=\"/assets/", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"<script(?![^>]*\ssrc=)[^>]*>", html);
    }

    [Fact]
    public async Task The_api_reference_gets_its_own_policy_that_still_forbids_framing()
    {
        var response = await Server.Client().GetAsync("/api-docs/");

        Assert.Equal(200, (int)response.StatusCode);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Equal(SecurityHeaders.ApiDocsPolicy, csp);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content)
        : throw new Xunit.Sdk.XunitException($"no {name} header on {response.RequestMessage?.RequestUri}");
}

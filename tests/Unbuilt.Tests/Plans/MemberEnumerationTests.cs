using System.Net.Http.Json;

namespace Unbuilt.Tests.Plans;

/// Sharing a plan must not tell its owner whether an account uses an email: an unknown email is answered exactly as
/// a known one (status, body, headers), and it changes nothing.
public sealed class MemberEnumerationTests(UnbuiltServer server) : PlanTest(server)
{
    [Fact]
    public async Task Adding_an_unknown_email_answers_exactly_as_adding_a_known_one()
    {
        var owner = await UserAsync("owner@example.com");
        await TestUserAsync("known@example.com");
        var plan = await CreatePlanAsync(owner);
        var members = $"/api/plans/{Id(plan)}/members";

        var known = await owner.PostAsJsonAsync(members, new { email = "known@example.com", role = "editor" });
        var unknown = await owner.PostAsJsonAsync(members, new { email = "nobody@example.com", role = "editor" });

        Assert.Equal(202, (int)known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal((await known.Content.ReadAsStringAsync()).Replace("known@", "?@", StringComparison.Ordinal),
            (await unknown.Content.ReadAsStringAsync()).Replace("nobody@", "?@", StringComparison.Ordinal));
        Assert.Equal(HeaderNames(known), HeaderNames(unknown));
        Assert.Equal(known.Content.Headers.ContentType, unknown.Content.Headers.ContentType);
        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
    }

    [Fact]
    public async Task An_unknown_email_changes_nothing_and_a_known_one_is_added()
    {
        var owner = await UserAsync("owner@example.com");
        await TestUserAsync("known@example.com");
        var plan = await CreatePlanAsync(owner);
        var members = $"/api/plans/{Id(plan)}/members";

        await OkJson(owner.PostAsJsonAsync(members, new { email = "nobody@example.com", role = "viewer" }));
        Assert.Equal(Version(plan), Version(await GetPlanAsync(owner, Id(plan))));
        await OkJson(owner.PostAsJsonAsync(members, new { email = "known@example.com", role = "viewer" }));

        var list = (await OkJson(owner.GetAsync(members))).EnumerateArray().Select(m => m.GetProperty("email").GetString());
        Assert.Equal(["owner@example.com", "known@example.com"], list);
    }

    private static List<string> HeaderNames(HttpResponseMessage response) =>
        [.. response.Headers.Select(h => h.Key).Where(n => n != "Date").Order(StringComparer.OrdinalIgnoreCase)];
}

using System.Net.Http.Json;
using System.Text.Json;
using Unbuilt.Data.Accounts;
using Unbuilt.Tests.Accounts;

namespace Unbuilt.Tests.Flags;

/// Nobody checks the address a self-service sign-up gives, so signing up as x@ourcompany must not buy membership of
/// the company's email-domain segment (and with it the internal phase's features); an admin can vouch for an address.
public sealed class SegmentTrustTests(UnbuiltServer server) : FlagTest(server)
{
    private async Task<HttpClient> InternalAtOurDomainAsync()
    {
        var admin = await AdminAsync();
        await OkJson(admin.PostAsJsonAsync("/api/segments", new { name = "internal", emailDomains = new[] { "unbuilt.io" } }));
        await InitAsync(admin);
        await OkJson(admin.PatchAsJsonAsync($"{Api}/{Flag}", new { enabled = true, rolloutPercentage = 0, segments = new[] { "internal" } }));
        return admin;
    }

    private async Task<(Browser Browser, int Id)> SignUpAsync(string email)
    {
        var browser = new Browser(Server);
        var me = await OkJson(browser.Client.PostAsJsonAsync("/api/auth/signup",
            new { email, displayName = "Eve", password = "a long enough sign-up password" }));
        return (browser, me.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Signing_up_with_the_company_domain_does_not_make_you_a_member_of_its_segment()
    {
        var admin = await InternalAtOurDomainAsync();
        var staff = await Server.CreateUserAsync("ana@unbuilt.io");

        var (eve, eveId) = await SignUpAsync("eve@unbuilt.io");

        await AssertProblem(await eve.Client.GetAsync("/api/plans"), 404);
        var check = await OkJson(eve.Client.GetAsync($"{Api}/check/{Flag}"));
        Assert.False(check.GetProperty("enabled").GetBoolean());
        await OkJson(Server.Client(staff).GetAsync("/api/plans"));
        var explained = await OkJson(admin.GetAsync($"{Api}/{Flag}/evaluate?userId={eveId}"));
        Assert.False(explained.GetProperty("enabled").GetBoolean());
        Assert.Contains("not trusted", explained.GetProperty("explanation").GetString());
        var listed = (await OkJson(admin.GetAsync("/api/admin/users"))).EnumerateArray().Single(u => u.GetProperty("id").GetInt32() == eveId);
        Assert.False(listed.GetProperty("emailTrusted").GetBoolean());
    }

    [Fact]
    public async Task An_admin_vouching_for_the_address_lets_the_same_session_in_and_withdrawing_it_shuts_it_out()
    {
        var admin = await InternalAtOurDomainAsync();
        var (newHire, id) = await SignUpAsync("new.hire@unbuilt.io");
        await AssertProblem(await newHire.Client.GetAsync("/api/plans"), 404);

        var vouched = await OkJson(admin.PatchAsJsonAsync($"/api/admin/users/{id}", new { emailTrusted = true }));

        Assert.True(vouched.GetProperty("emailTrusted").GetBoolean());
        await OkJson(newHire.Client.GetAsync("/api/plans"));
        var explained = await OkJson(admin.GetAsync($"{Api}/{Flag}/evaluate?userId={id}"));
        Assert.Equal("segment internal (email domain unbuilt.io)", explained.GetProperty("explanation").GetString());

        await OkJson(admin.PatchAsJsonAsync($"/api/admin/users/{id}", new { emailTrusted = false }));
        await AssertProblem(await newHire.Client.GetAsync("/api/plans"), 404);
    }

    [Fact]
    public async Task Accounts_an_admin_makes_are_trusted_and_only_an_admin_may_change_trust()
    {
        var admin = await AdminAsync();
        var made = await OkJson(admin.PostAsJsonAsync("/api/admin/users",
            new { email = "made@unbuilt.io", password = "a long enough admin-set password", tier = "pro" }));
        Assert.True(made.GetProperty("emailTrusted").GetBoolean());

        var (eve, eveId) = await SignUpAsync("eve@unbuilt.io");
        await AssertProblem(await eve.SendAsync(HttpMethod.Patch, $"/api/admin/users/{eveId}", new { emailTrusted = true }), 403);
        var user = await Server.CreateUserAsync("someone@example.com", Tier.Pro);
        await AssertProblem(await Server.Client(user).PatchAsJsonAsync($"/api/admin/users/{eveId}", new { emailTrusted = true }), 403);
        var listed = (await OkJson(admin.GetAsync("/api/admin/users"))).EnumerateArray().Single(u => u.GetProperty("id").GetInt32() == eveId);
        Assert.False(listed.GetProperty("emailTrusted").GetBoolean());
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Tests.LoadTest;

/// POST /api/admin/users, which `loadtest` uses to make its users: admins only, audited, 409 on a taken email.
public sealed class AdminCreateUserTests(UnbuiltServer server) : IntegrationTest(server)
{
    private const string Users = "/api/admin/users";
    private const string Password = "a long password";

    private async Task<HttpClient> AdminAsync() =>
        Server.Client(await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin));

    [Fact]
    public async Task An_admin_creates_a_user_who_can_sign_in_and_the_creation_is_audited()
    {
        using var admin = await AdminAsync();

        var response = await admin.PostAsJsonAsync(Users,
            new { email = "Ada@Example.com", password = "a long password", displayName = "Ada", tier = "pro" });

        Assert.Equal(201, (int)response.StatusCode);
        var user = await ReadJson(response);
        Assert.Equal("ada@example.com", user.GetProperty("email").GetString());
        Assert.Equal("pro", user.GetProperty("tier").GetString());
        Assert.Equal("user", user.GetProperty("role").GetString());
        Assert.Equal($"/api/admin/users/{user.GetProperty("id").GetInt32()}", response.Headers.Location?.ToString());
        using var browser = Server.Client();
        var login = await browser.PostAsJsonAsync("/api/auth/login", new { email = "ada@example.com", password = "a long password" });
        Assert.True(login.IsSuccessStatusCode);
        var audit = await Server.WithServicesAsync(services => services.GetRequiredService<UnbuiltDbContext>()
            .SecurityAuditLogs.SingleAsync(a => a.Action == "admin.user_created"));
        Assert.Equal(user.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), audit.ResourceId);
        Assert.Contains("ada@example.com", audit.Details!);
    }

    [Fact]
    public async Task A_non_admin_gets_403_and_nothing_is_created()
    {
        var user = await Server.CreateUserAsync("ada@example.com");

        await AssertProblem(await Server.Client(user).PostAsJsonAsync(Users, new { email = "eve@example.com", password = "a long password" }), 403);

        Assert.Equal(1, await Server.WithServicesAsync(services => services.GetRequiredService<UnbuiltDbContext>().Users.CountAsync()));
    }

    [Fact]
    public async Task A_taken_email_is_409_whatever_its_case()
    {
        using var admin = await AdminAsync();
        await Server.CreateUserAsync("ada@example.com");

        var problem = await AssertProblem(await admin.PostAsJsonAsync(Users, new { email = " ADA@example.com", password = "a long password" }), 409);

        Assert.Contains("ada@example.com", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Bad_fields_are_400_with_an_error_per_field()
    {
        using var admin = await AdminAsync();

        var problem = await AssertProblem(await admin.PostAsJsonAsync(Users,
            new { email = "not-an-email", password = "short", displayName = new string('x', 101) }), 400);

        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(["displayName", "email", "password"], fields);
        await AssertProblem(await admin.PostAsJsonAsync(Users, new { email = "ada@example.com", password = Password, tier = "platinum" }), 400);
        await AssertProblem(await admin.PostAsJsonAsync(Users, new { email = "ada@example.com", password = Password, role = "root" }), 400);
    }

    [Fact]
    public async Task An_admin_can_create_another_admin()
    {
        using var admin = await AdminAsync();

        var created = await ReadJson(await admin.PostAsJsonAsync(Users, new { email = "ops@example.com", password = Password, role = "admin" }));

        Assert.Equal("admin", created.GetProperty("role").GetString());
        using var browser = Server.Client(); // keeps the sign-in cookie
        await browser.PostAsJsonAsync("/api/auth/login", new { email = "ops@example.com", password = "a long password" });
        Assert.Equal(2, (await browser.GetFromJsonAsync<JsonElement>(Users)).GetArrayLength());
    }
}

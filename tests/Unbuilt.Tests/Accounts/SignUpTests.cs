using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Unbuilt.Accounts;
using Unbuilt.Data.Accounts;
using Unbuilt.Hosting;
using Unbuilt.Tests.Cli;

namespace Unbuilt.Tests.Accounts;

public sealed class InviteOnlySignUpServer : UnbuiltServer
{
    protected override IEnumerable<string> Settings => ["Unbuilt:Accounts:SignUp=invite"];
}

public sealed class ClosedSignUpServer : UnbuiltServer
{
    protected override IEnumerable<string> Settings => ["Unbuilt:Accounts:SignUp=Closed"];
}

/// Three sign-in or sign-up attempts per address per minute. Its own server: the test uses up its address's minute.
public sealed class StrictSignUpServer : UnbuiltServer
{
    protected override IEnumerable<string> Settings => ["Unbuilt:RateLimits:LoginPerMinute=3"];
}

/// Sign-up open to anyone (the default): a new free user, signed in at once exactly as by login, with a password the
/// policy accepts.
public sealed class SignUpTests(UnbuiltServer server) : IntegrationTest(server)
{
    private const string Password = "plum tractor violin";

    private static object Form(string email = "ada@example.com", string? displayName = "Ada Lovelace", string? password = Password,
        string? invitation = null) => new { email, displayName, password, invitation };

    [Fact]
    public async Task Sign_up_makes_a_free_user_signed_in_like_login_and_its_cookie_works()
    {
        var browser = new Browser(Server);

        var response = await browser.Client.PostAsJsonAsync("/api/auth/signup", Form(email: " Ada@Example.COM ", displayName: "  Ada Lovelace "));

        Assert.Equal(201, (int)response.StatusCode);
        Assert.Equal("/api/me", response.Headers.Location?.OriginalString);
        var me = await ReadJson(response);
        Assert.Equal(["id", "email", "displayName", "tier", "role"], me.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("ada@example.com", "Ada Lovelace", "free", "user"), (me.GetProperty("email").GetString(),
            me.GetProperty("displayName").GetString(), me.GetProperty("tier").GetString(), me.GetProperty("role").GetString()));
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains("httponly", Assert.Single(cookies, c => c.StartsWith("unbuilt_auth=", StringComparison.Ordinal)),
            StringComparison.OrdinalIgnoreCase);
        Assert.Single(cookies, c => c.StartsWith("unbuilt_csrf=", StringComparison.Ordinal));
        Assert.Single(cookies, c => c.StartsWith("unbuilt_device=", StringComparison.Ordinal));

        Assert.Equal(me.GetProperty("id").GetInt32(), (await OkJson(browser.Client.GetAsync("/api/me"))).GetProperty("id").GetInt32());
        Assert.Equal(201, (int)(await browser.SendAsync(HttpMethod.Post, "/api/me/tokens", new { name = "cli" })).StatusCode);
        Assert.Single((await OkJson(browser.Client.GetAsync("/api/me/sessions"))).EnumerateArray());
        var audit = await DbAsync(db => db.SecurityAuditLogs.SingleAsync(l => l.Action == "auth.signup"));
        Assert.Equal(me.GetProperty("id").GetInt32(), audit.UserId);
        Assert.Equal(200, (int)(await new Browser(Server).LoginAsync("ada@example.com", Password)).StatusCode);
    }

    [Fact]
    public async Task The_mode_is_public_so_the_sign_in_page_knows_to_offer_sign_up()
    {
        var mode = await OkJson(Server.Client().GetAsync("/api/auth/signup"));
        Assert.Equal("""{"mode":"open"}""", mode.GetRawText());
    }

    [Theory]
    [InlineData("short pass")] // 10
    [InlineData("  eleven11  ")] // 12 with its spaces, 8 without
    [InlineData("               ")]
    [InlineData("password1234")]
    [InlineData("Password1234")]
    [InlineData("123456789012")]
    [InlineData("QWERTYUIOPAS")]
    [InlineData("iloveyou1234")]
    [InlineData(" iloveyou1234 ")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_weak_password_is_400_naming_the_password_and_makes_no_account(string? password)
    {
        var problem = await AssertProblem(await Server.Client().PostAsJsonAsync("/api/auth/signup", Form(password: password)), 400);

        var errors = problem.GetProperty("errors");
        Assert.Equal(["password"], errors.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("password ", errors.GetProperty("password")[0].GetString());
        Assert.Equal(0, await DbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_password_over_the_maximum_is_refused_and_one_at_it_accepted()
    {
        var tooLong = new string('x', PasswordPolicy.MaxLength) + "y";
        var problem = await AssertProblem(await Server.Client().PostAsJsonAsync("/api/auth/signup", Form(password: tooLong)), 400);
        Assert.Contains("at most 1000", problem.GetProperty("errors").GetProperty("password")[0].GetString());

        Assert.Equal(201, (int)(await Server.Client().PostAsJsonAsync("/api/auth/signup", Form(password: tooLong[1..]))).StatusCode);
    }

    [Fact]
    public async Task The_shipped_list_has_thousands_of_common_passwords_none_shorter_than_the_minimum()
    {
        Assert.InRange(PasswordPolicy.CommonCount, 2000, 20000);
        Assert.True(PasswordPolicy.IsCommon("PassWord1234"));
        Assert.False(PasswordPolicy.IsCommon(Password));
        Assert.Null(PasswordPolicy.Problem("password", "correct horse battery"));
        Assert.Null(PasswordPolicy.Problem("password", "🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑")); // twelve characters, each two UTF-16 units
        Assert.NotNull(PasswordPolicy.Problem("password", "🔑🔑🔑🔑🔑🔑"));
    }

    [Fact]
    public async Task The_password_change_and_the_admin_api_apply_the_same_policy()
    {
        var admin = Server.Client(await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin));
        var created = await admin.PostAsJsonAsync("/api/admin/users", new { email = "bob@example.com", password = "password1234" });
        Assert.True((await AssertProblem(created, 400)).GetProperty("errors").TryGetProperty("password", out _));

        var browser = new Browser(Server);
        await OkJson(browser.Client.PostAsJsonAsync("/api/auth/signup", Form()));
        var change = await browser.SendAsync(HttpMethod.Post, "/api/me/password", new { currentPassword = Password, newPassword = "iloveyou1234" });
        var problem = await AssertProblem(change, 400);
        Assert.Contains("common", problem.GetProperty("errors").GetProperty("newPassword")[0].GetString());
        Assert.Equal(204, (int)(await browser.SendAsync(HttpMethod.Post, "/api/me/password",
            new { currentPassword = Password, newPassword = "a brand new passphrase" })).StatusCode);
    }

    [Fact]
    public async Task An_email_already_in_use_is_409_and_leaves_its_account_alone()
    {
        var ada = await Server.CreateUserAsync("ada@example.com");

        var problem = await AssertProblem(await Server.Client().PostAsJsonAsync("/api/auth/signup", Form(email: "ADA@example.com")), 409);

        Assert.Contains("already uses this email", problem.GetProperty("detail").GetString());
        var user = await DbAsync(db => db.Users.SingleAsync());
        Assert.Equal((ada.Id, "ada"), (user.Id, user.DisplayName));
        Assert.Equal(200, (int)(await new Browser(Server).LoginAsync("ada@example.com")).StatusCode);
    }

    [Fact]
    public async Task Two_sign_ups_for_one_email_at_once_make_one_account()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Server.Client().PostAsJsonAsync("/api/auth/signup", Form())));

        Assert.Equal(1, answers.Count(a => (int)a.StatusCode == 201));
        Assert.All(answers.Where(a => (int)a.StatusCode != 201), a => Assert.Equal(409, (int)a.StatusCode));
        Assert.Equal(1, await DbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Bad_fields_are_400_by_field_and_make_no_account()
    {
        async Task<List<string>> Fields(object body) =>
            [.. (await AssertProblem(await Server.Client().PostAsJsonAsync("/api/auth/signup", body), 400))
                .GetProperty("errors").EnumerateObject().Select(p => p.Name)];

        Assert.Equal(["email"], await Fields(Form(email: "not-an-email")));
        Assert.Equal(["email"], await Fields(Form(email: "a b@example.com")));
        Assert.Equal(["email"], await Fields(Form(email: new string('a', 243) + "@example.com")));
        Assert.Equal(["displayName"], await Fields(Form(displayName: "   ")));
        Assert.Equal(["displayName"], await Fields(Form(displayName: null)));
        Assert.Equal(["displayName"], await Fields(Form(displayName: new string('x', 101))));
        Assert.Equal(["email", "password", "displayName"], await Fields(new { }));
        using var control = new StringContent("""{"email": "ada@example.com", "displayName": "Ada\u0007", "password": "plum tractor violin"}""",
            Encoding.UTF8, "application/json");
        Assert.True((await AssertProblem(await Server.Client().PostAsync("/api/auth/signup", control), 400))
            .GetProperty("errors").TryGetProperty("displayName", out _));
        Assert.Equal(0, await DbAsync(db => db.Users.CountAsync()));

        Assert.Equal(201, (int)(await Server.Client().PostAsJsonAsync("/api/auth/signup", Form(displayName: new string('x', 100)))).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_browser_signing_up_again_needs_its_csrf_token_like_any_cookie_write()
    {
        var browser = new Browser(Server);
        await OkJson(browser.Client.PostAsJsonAsync("/api/auth/signup", Form()));

        await AssertProblem(await browser.Client.PostAsJsonAsync("/api/auth/signup", Form(email: "bob@example.com")), 403);
        Assert.Equal(201, (int)(await browser.SendAsync(HttpMethod.Post, "/api/auth/signup", Form(email: "bob@example.com"))).StatusCode);
        Assert.Equal("bob@example.com", (await OkJson(browser.Client.GetAsync("/api/me"))).GetProperty("email").GetString());
    }

    [Theory]
    [InlineData("SignUp=sometimes", "Unbuilt:Accounts:SignUp must be open, invite or closed.")]
    [InlineData("SignUp=1", "Unbuilt:Accounts:SignUp must be open, invite or closed.")]
    [InlineData("InvitationDays=0", "Unbuilt:Accounts:InvitationDays must be from 1 to 365.")]
    public async Task A_bad_accounts_setting_stops_the_start_with_a_message_naming_it(string setting, string message)
    {
        var directory = Directory.CreateTempSubdirectory("unbuilt-options-");
        try
        {
            await using var app = UnbuiltWebApp.Build(["--urls=http://127.0.0.1:0", $"--Unbuilt:DataDirectory={directory.FullName}",
                "--Unbuilt:Accounts:" + setting], builder => builder.Logging.ClearProviders());
            var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
            Assert.Contains(message, refused.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}

public sealed class InviteOnlySignUpTests(InviteOnlySignUpServer server) : IntegrationTest<InviteOnlySignUpServer>(server)
{
    [Fact]
    public async Task Without_a_pending_invitation_sign_up_is_403_and_makes_no_account()
    {
        Assert.Equal("invite", (await OkJson(Server.Client().GetAsync("/api/auth/signup"))).GetProperty("mode").GetString());

        var none = await AssertProblem(await Server.Client().PostAsJsonAsync("/api/auth/signup",
            new { email = "ada@example.com", displayName = "Ada", password = "plum tractor violin" }), 403);
        var unknown = await AssertProblem(await Server.Client().PostAsJsonAsync("/api/auth/signup",
            new { email = "ada@example.com", displayName = "Ada", password = "plum tractor violin", invitation = "no-such-token" }), 403);

        Assert.StartsWith("Sign-up is by invitation only", none.GetProperty("detail").GetString());
        Assert.StartsWith("Sign-up is by invitation only", unknown.GetProperty("detail").GetString());
        Assert.Equal(0, await DbAsync(db => db.Users.CountAsync()));
    }
}

public sealed class ClosedSignUpTests(ClosedSignUpServer server) : IntegrationTest<ClosedSignUpServer>(server)
{
    [Fact]
    public async Task Closed_sign_up_is_403_for_everyone_and_says_whom_to_ask()
    {
        Assert.Equal("closed", (await OkJson(Server.Client().GetAsync("/api/auth/signup"))).GetProperty("mode").GetString());

        var problem = await AssertProblem(await Server.Client().PostAsJsonAsync("/api/auth/signup",
            new { email = "ada@example.com", displayName = "Ada", password = "plum tractor violin", invitation = "any" }), 403);

        Assert.Equal("Sign-up is closed; ask an administrator for an account.", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await DbAsync(db => db.Users.CountAsync()));
    }
}

public sealed class SignUpRateLimitTests(StrictSignUpServer server) : IntegrationTest<StrictSignUpServer>(server)
{
    [Fact]
    public async Task Sign_up_shares_the_login_limit_per_address()
    {
        // A new client for each request: one signed in by its sign-up would need the CSRF header for the next.
        await AssertProblem(await Server.Client().PostAsJsonAsync("/api/auth/signup", new { email = "x" }), 400);
        Assert.Equal(201, (int)(await Server.Client().PostAsJsonAsync("/api/auth/signup",
            new { email = "ada@example.com", displayName = "Ada", password = "plum tractor violin" })).StatusCode);
        await AssertProblem(await Server.Client().PostAsJsonAsync("/api/auth/login", new { email = "ada@example.com", password = "wrong guess" }), 401);

        var limited = await Server.Client().PostAsJsonAsync("/api/auth/signup",
            new { email = "bob@example.com", displayName = "Bob", password = "plum tractor violin" });

        await AssertProblem(limited, 429);
        Assert.NotNull(limited.Headers.RetryAfter);
        await AssertProblem(await Server.Client().GetAsync("/api/invitations/some-token"), 429);
        Assert.Equal(1, await DbAsync(db => db.Users.CountAsync()));
    }
}

/// `unbuilt users create` refuses what sign-up refuses.
[Collection(nameof(CliCollection))]
public sealed class SignUpPolicyCliTests(UnbuiltServer server) : IntegrationTest(server)
{
    private Task<CliRunner.Result> CreateUser(string password) => CliRunner.RunAsync("users", "create", "--email", "ada@example.com",
        "--password", password, $"--Database:Provider={Server.Database.Provider}",
        $"--ConnectionStrings:Default={Server.Database.ConnectionString}", $"--Unbuilt:DataDirectory={Server.Database.DataDirectory}");

    [Fact]
    public async Task Users_create_refuses_a_short_or_common_password_and_says_why()
    {
        var shortOne = await CreateUser("elevenchars");
        Assert.NotEqual(0, shortOne.Exit);
        Assert.Contains("at least 12 characters", shortOne.Error);
        var common = await CreateUser("Password1234");
        Assert.NotEqual(0, common.Exit);
        Assert.Contains("most common passwords", common.Error);
        Assert.Equal(0, await DbAsync(db => db.Users.CountAsync()));

        Assert.Equal(0, (await CreateUser("twelve chars")).Exit);
    }
}

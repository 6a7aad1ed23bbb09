using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Tests.Cli;

[Collection(nameof(CliCollection))]
public sealed class UserCommandsTests(UnbuiltServer server) : IntegrationTest(server)
{
    /// Runs `unbuilt ARGS` in-process against the test server's database; returns the exit code and stdout.
    private async Task<(int Exit, string Out)> Unbuilt(params string[] args)
    {
        string[] config =
        [
            $"--Database:Provider={Server.Database.Provider}",
            $"--ConnectionStrings:Default={Server.Database.ConnectionString}",
            $"--Unbuilt:DataDirectory={Server.Database.DataDirectory}",
        ];
        var result = await CliRunner.RunAsync([.. args, .. config]);
        return (result.Exit, result.Out);
    }

    private Task<User?> FindUser(string email) => Server.WithServicesAsync(s =>
        s.GetRequiredService<UnbuiltDbContext>().Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == email));

    [Fact]
    public async Task A_user_made_by_the_cli_reads_their_profile_with_a_cli_token()
    {
        Assert.Equal(0, (await Unbuilt("users", "create", "--email", "Ada@Example.com", "--password", "long enough to pass", "--tier", "pro")).Exit);
        var (exit, stdout) = await Unbuilt("users", "token", "ada@example.com", "--name", "script");
        Assert.Equal(0, exit);
        var token = stdout.TrimEnd().Split('\n')[^1].Trim();

        var me = await ReadJson(await Server.Client(token).GetAsync("/api/me"));

        Assert.Equal("ada@example.com", me.GetProperty("email").GetString());
        Assert.Equal("pro", me.GetProperty("tier").GetString());
    }

    [Fact]
    public async Task An_unknown_tier_fails_and_creates_nobody()
    {
        Assert.NotEqual(0, (await Unbuilt("users", "create", "--email", "ada@example.com", "--password", "long enough to pass", "--tier", "gold")).Exit);
        Assert.Null(await FindUser("ada@example.com"));
    }

    [Fact]
    public async Task A_short_password_or_a_duplicate_email_fails()
    {
        Assert.NotEqual(0, (await Unbuilt("users", "create", "--email", "ada@example.com", "--password", "short")).Exit);
        Assert.Equal(0, (await Unbuilt("users", "create", "--email", "ada@example.com", "--password", "long enough to pass")).Exit);
        Assert.NotEqual(0, (await Unbuilt("users", "create", "--email", "ADA@example.com", "--password", "long enough to pass")).Exit);
    }

    [Fact]
    public async Task Set_tier_and_set_role_change_the_user()
    {
        await Unbuilt("users", "create", "--email", "ada@example.com", "--password", "long enough to pass");

        Assert.Equal(0, (await Unbuilt("users", "set-tier", "ada@example.com", "enterprise")).Exit);
        Assert.Equal(0, (await Unbuilt("users", "set-role", "ada@example.com", "admin")).Exit);
        Assert.NotEqual(0, (await Unbuilt("users", "set-role", "nobody@example.com", "admin")).Exit);

        var user = await FindUser("ada@example.com");
        Assert.Equal(Tier.Enterprise, user!.Tier);
        Assert.Equal(Role.Admin, user.Role);
    }

    [Fact]
    public async Task Disable_refuses_the_users_token_and_enable_lets_it_in_again()
    {
        var ada = await Server.CreateUserAsync("ada@example.com");

        Assert.Equal(0, (await Unbuilt("users", "disable", "ada@example.com")).Exit);
        Assert.NotNull((await FindUser("ada@example.com"))!.DisabledAt);
        Assert.Equal(401, (int)(await Server.Client(ada).GetAsync("/api/me")).StatusCode);

        Assert.Equal(0, (await Unbuilt("users", "enable", "ada@example.com")).Exit);
        Assert.Null((await FindUser("ada@example.com"))!.DisabledAt);
        Assert.Equal(200, (int)(await Server.Client(ada).GetAsync("/api/me")).StatusCode);
        Assert.NotEqual(0, (await Unbuilt("users", "disable", "nobody@example.com")).Exit);
    }

    [Fact]
    public async Task Users_list_shows_every_user()
    {
        await Unbuilt("users", "create", "--email", "ada@example.com", "--password", "long enough to pass");
        var (exit, _) = await Unbuilt("users", "list");
        Assert.Equal(0, exit);
    }

    [Fact]
    public async Task Db_status_lists_the_applied_migration_and_rollback_asks_for_yes()
    {
        var (exit, stdout) = await Unbuilt("db", "status");
        Assert.Equal(0, exit);
        Assert.Contains("Foundation", stdout);

        var (rollback, plan) = await Unbuilt("db", "rollback", "--to", "0");
        Assert.Equal(2, rollback);
        Assert.Contains("feature_flags", plan);
        Assert.Equal("Healthy", await Server.Client().GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task Db_script_prints_the_schema_sql()
    {
        var (exit, sql) = await Unbuilt("db", "script");
        Assert.Equal(0, exit);
        Assert.Contains("CREATE TABLE", sql);
        Assert.Contains("feature_flags", sql);
    }
}

using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Unbuilt.Accounts;
using Unbuilt.Cli;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;
using Unbuilt.Flags;
using Xunit;
using Unbuilt.Hosting;

namespace Unbuilt.Testing;

/// The real app on a real Kestrel port (127.0.0.1, a free port), with a database of its own.
/// Tests talk to it over HTTP only; Services is there to arrange data and to look behind the API.
public class UnbuiltServer : IAsyncLifetime
{
    private WebApplication? app;
    public TestDatabase Database { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider Services => app!.Services;

    /// What the server logged, of the categories and levels <see cref="Captures"/> selects (none by default).
    public CapturedLogs Logs { get; } = new();

    /// Extra configuration, as `Key=value` pairs, for a fixture that needs other settings.
    protected virtual IEnumerable<string> Settings => [];

    /// The database this server uses; a second node of a cluster returns the first node's.
    protected virtual Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync();

    /// Whether disposing this server drops its database (not for a node that borrowed another's).
    protected virtual bool OwnsDatabase => true;

    /// Which log entries to keep in <see cref="Logs"/>, for a fixture whose tests assert on what was logged.
    protected virtual bool Captures(string category, LogLevel level) => false;

    /// Test doubles, for a fixture that needs them; registered after the app's own services, so they win.
    protected virtual void ConfigureServices(IServiceCollection services) { }

    /// Test-only endpoints, for a fixture that needs them (e.g. a route behind a feature gate).
    protected virtual void MapTestRoutes(WebApplication app) { }

    public virtual async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Database:Provider={Database.Provider}",
            $"--ConnectionStrings:Default={Database.ConnectionString}",
            $"--Unbuilt:DataDirectory={Database.DataDirectory}",
            "--Unbuilt:RateLimits:ApiPerMinute=100000",
            "--Unbuilt:RateLimits:LoginPerMinute=100000",
            "--Unbuilt:RateLimits:FailedAuthPerMinute=100000",
            "--Unbuilt:RateLimits:OtherPerMinute=100000",
            .. Settings.Select(s => "--" + s),
        ];
        app = UnbuiltWebApp.Build(args, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddFilter(_ => false);
            builder.Logging.AddProvider(Logs);
            builder.Logging.AddFilter<CapturedLogs>((category, level) => Captures(category ?? "", level));
            ConfigureServices(builder.Services);
        });
        MapTestRoutes(app);
        await ServeCommand.PrepareAsync(app, migrate: true, demo: false, TextWriter.Null, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public virtual async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        if (OwnsDatabase) await Database.DisposeAsync();
    }

    public async Task ResetAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await TestDatabase.ResetAsync(scope.ServiceProvider.GetRequiredService<UnbuiltDbContext>());
        // The flags and users in memory must match the emptied tables, as after a restart.
        await Services.GetRequiredService<FlagSnapshotStore>().ReloadAsync(CancellationToken.None);
        Services.GetRequiredService<SignedInUsers>().ForgetAll();
        Services.GetRequiredService<LoginThrottle>().ForgetAll();
    }

    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public const string Password = "correct horse battery";

    /// A user with an API token, made the way `unbuilt users create` and `users token` make them (so the address is
    /// trusted, unless <paramref name="emailTrusted"/> says it came from a self-service sign-up).
    public Task<TestUser> CreateUserAsync(string email, Tier tier = Tier.Free, Role role = Role.User, bool emailTrusted = true) =>
        WithServicesAsync(async services =>
        {
            var user = await services.GetRequiredService<UserAccounts>().CreateAsync(email, Password, tier, role, null, emailTrusted, default);
            var (_, token) = await services.GetRequiredService<ApiTokenIssuer>().IssueAsync(user.Id, "test", null, default);
            return new TestUser(user.Id, user.Email, token);
        });

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Client(TestUser user) => Client(user.Token);
}

public sealed record TestUser(int Id, string Email, string Token);

using Microsoft.AspNetCore.Identity;
using Unbuilt.Accounts;
using Unbuilt.Audit;
using Unbuilt.Data.Accounts;
using Unbuilt.Database;
using Unbuilt.Settings;

namespace Unbuilt.Cli;

/// The services that database verbs (`db`, `users`) need, configured exactly as `serve` configures them.
public static class CliHost
{
    public static async Task<int> RunAsync(string[] configArgs, Func<IServiceProvider, Task<int>> action,
        Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configArgs,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None); // failures reach the user as one line
        builder.Services.AddSingleton(builder.Configuration.GetSection(UnbuiltOptions.Section).Get<UnbuiltOptions>() ?? new());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddDatabase();
        builder.AddAuditLog();
        builder.Services.AddScoped<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddScoped<UserAccounts>();
        builder.Services.AddScoped<UserSessions>();
        builder.Services.AddSingleton<SignedInUsers>(); // UserSessions forgets what it revokes; the CLI keeps nothing
        builder.Services.AddScoped<ApiTokenIssuer>();
        builder.Services.AddScoped<DatabaseMigrator>();
        configure?.Invoke(builder);
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }
}

using System.CommandLine;
using Unbuilt.Database;
using Unbuilt.Hosting;

namespace Unbuilt.Cli;

/// `unbuilt serve [--urls URL] [--demo] [--migrate]`; any other `--Key=value` goes to configuration.
public static class ServeCommand
{
    public static Command Create(WebAppFactory webApp)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => "http://127.0.0.1:5000" };
        var demo = new Option<bool>("--demo") { Description = "Also create one demo user per tier" };
        var migrate = new Option<bool>("--migrate") { Description = "Apply pending PostgreSQL migrations before serving" };
        var command = new Command("serve", "Serve the web app and API") { urls, demo, migrate };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            string[] args = [.. parse.UnmatchedTokens, $"--urls={parse.GetValue(urls)}"];
            var app = webApp(args);
            await PrepareAsync(app, parse.GetValue(migrate), parse.GetValue(demo), Console.Out, ct);
            await app.RunAsync();
            return 0;
        }));
        return command;
    }

    /// Everything between building the app and listening: schema, the key ring's key, first admin, demo data.
    public static async Task PrepareAsync(WebApplication app, bool migrate, bool demo, TextWriter output, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var migrator = ActivatorUtilities.CreateInstance<DatabaseMigrator>(scope.ServiceProvider);
        await migrator.EnsureReadyAsync(migrate, ct);
        Accounts.KeyRingStartCheck.EnsureReadable(scope.ServiceProvider);
        await ActivatorUtilities.CreateInstance<FirstStart>(scope.ServiceProvider).RunAsync(demo, output, ct);
    }
}

using System.CommandLine;
using Spectre.Console;
using Unbuilt.Database;

namespace Unbuilt.Cli;

/// `unbuilt db migrate | status | rollback --to NAME [--yes] | script [--from NAME] [--to NAME]`.
public static class DbCommands
{
    public static Command Create()
    {
        var db = new Command("db", "Database schema: apply, inspect, revert and print migrations");
        db.Subcommands.Add(Verb("migrate", "Apply every pending migration", async (migrator, _, ct) =>
        {
            var applied = await migrator.MigrateAsync(ct);
            CliOutput.Ok(applied.Count == 0 ? "The database is up to date." : $"Applied {applied.Count}: {string.Join(", ", applied)}");
            return 0;
        }));
        db.Subcommands.Add(Verb("status", "List applied and pending migrations", async (migrator, _, ct) =>
        {
            var status = await migrator.StatusAsync(ct);
            var table = new Table().AddColumns("Migration", "State");
            foreach (var id in status.Applied) table.AddRow(Markup.Escape(id), "[green]applied[/]");
            foreach (var id in status.Pending) table.AddRow(Markup.Escape(id), "[yellow]pending[/]");
            AnsiConsole.Write(table);
            AnsiConsole.WriteLine($"{status.Applied.Count} applied, {status.Pending.Count} pending.");
            return 0;
        }));
        db.Subcommands.Add(Rollback());
        db.Subcommands.Add(Script());
        return db;
    }

    private static Command Rollback()
    {
        var to = new Option<string>("--to") { Description = "The migration to keep (name or id); 0 reverts everything", Required = true };
        var yes = new Option<bool>("--yes") { Description = "Do it (without it, only say what would happen)" };
        var command = new Command("rollback", "Revert migrations applied after NAME (destroys the data in what it drops)") { to, yes };
        SetMigratorAction(command, async (migrator, parse, ct) =>
        {
            var plan = await migrator.PlanRollbackAsync(parse.GetValue(to)!, ct);
            if (plan.Reverted.Count == 0)
            {
                CliOutput.Ok($"Nothing to revert: no migration after {parse.GetValue(to)} is applied.");
                return 0;
            }
            AnsiConsole.MarkupLine($"Reverts: [yellow]{Markup.Escape(string.Join(", ", plan.Reverted))}[/]");
            AnsiConsole.MarkupLine(plan.DroppedTables.Count == 0 ? "Drops no table."
                : $"[red]Drops tables, with all their rows:[/] {Markup.Escape(string.Join(", ", plan.DroppedTables))}");
            if (!parse.GetValue(yes))
                return CliOutput.Fail("Not reverted. Run again with --yes to do it.", 2);
            await migrator.RollbackAsync(plan, ct);
            CliOutput.Ok($"Reverted {plan.Reverted.Count} migration(s).");
            return 0;
        });
        return command;
    }

    private static Command Script()
    {
        var from = new Option<string?>("--from") { Description = "Start after this migration (default: empty database)" };
        var to = new Option<string?>("--to") { Description = "End at this migration (default: the latest)" };
        var command = new Command("script", "Print the SQL of the migrations for the configured provider") { from, to };
        SetMigratorAction(command, (migrator, parse, _) =>
        {
            Console.Out.Write(migrator.Script(parse.GetValue(from), parse.GetValue(to)));
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command Verb(string name, string description, Func<DatabaseMigrator, ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command(name, description);
        SetMigratorAction(command, action);
        return command;
    }

    private static void SetMigratorAction(Command command, Func<DatabaseMigrator, ParseResult, CancellationToken, Task<int>> action)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => CliOutput.Guard(() => CliHost.RunAsync([.. parse.UnmatchedTokens],
            services => action(services.GetRequiredService<DatabaseMigrator>(), parse, ct))));
    }
}

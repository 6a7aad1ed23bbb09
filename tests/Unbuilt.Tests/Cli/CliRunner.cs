using Unbuilt.Cli;

namespace Unbuilt.Tests.Cli;

/// Runs `unbuilt ARGS` in-process and captures what it prints. Console is process-wide: callers are in CliCollection.
public static class CliRunner
{
    public sealed record Result(int Exit, string Out, string Error);

    public static async Task<Result> RunAsync(params string[] args)
    {
        var (originalOut, originalError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var errors = new StringWriter();
        Console.SetOut(output);
        Console.SetError(errors);
        try
        {
            var exit = await UnbuiltCommandLine.RunAsync(args, UnbuiltWebApp.Build);
            return new Result(exit, output.ToString(), errors.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
            // Shown by xunit when the test fails: what the CLI said went wrong.
            if (errors.ToString() is { Length: > 0 } said) await originalOut.WriteLineAsync(said);
        }
    }
}

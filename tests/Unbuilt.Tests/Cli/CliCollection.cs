namespace Unbuilt.Tests.Cli;

/// CLI tests swap Console.Out, which is process-wide, so they run one at a time.
[CollectionDefinition(nameof(CliCollection), DisableParallelization = true)]
public sealed class CliCollection;

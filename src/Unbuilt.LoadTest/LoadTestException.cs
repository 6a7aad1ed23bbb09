namespace Unbuilt.LoadTest;

/// A failure the operator can act on (a bad option, a server that refuses, a setup step that failed), said in one
/// line. The load test's own type, not the CLI's CliException, which it cannot see; `unbuilt loadtest` tells it
/// exactly as the CLI tells its own (one line on stderr, exit 1).
public sealed class LoadTestException(string message) : Exception(message);

using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Unbuilt.Testing;

/// What a test server logged (the categories and levels its fixture asks for), so a test can assert that an
/// operator would have been told.
public sealed class CapturedLogs : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, string Message);

    private readonly ConcurrentQueue<Entry> entries = new();

    public IReadOnlyList<Entry> Entries => [.. entries];

    /// Forgets what was captured, so a test of a shared server waits for entries of its own.
    public void Clear() => entries.Clear();

    /// Waits (up to <paramref name="within"/>) for an entry that matches; fails with everything captured if none does.
    public async Task<Entry> WaitForAsync(Func<Entry, bool> match, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var found = entries.FirstOrDefault(match);
            if (found is not null) return found;
            if (clock.Elapsed > within)
                throw new Xunit.Sdk.XunitException(
                    $"No log entry {what} within {within.TotalSeconds:0} s. Captured:\n" +
                    string.Join('\n', entries.Select(e => $"{e.Level} {e.Category}: {e.Message}")));
            await Task.Delay(20);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new Entry(category, logLevel, formatter(state, exception)));
    }
}

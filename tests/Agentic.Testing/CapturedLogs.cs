using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Agentic.Testing;

/// <summary>
/// Records every log entry at every level, scopes included, so a test can wait for a line or check that a
/// secret never reached any of them.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyCollection<CapturedLog> Entries => _entries;

    /// <summary>The formatted messages, in order.</summary>
    public IEnumerable<string> Messages => _entries.Select(entry => entry.Message);

    /// <summary>Everything each entry carried (level, category, message, structured values, exception), one string each.</summary>
    public IEnumerable<string> Lines => _entries.Select(entry => entry.Text);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            var text = $"scope: {state}";
            entries.Enqueue(new CapturedLog(LogLevel.None, category, text, $"{category} {text}"));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(", ", pairs.Select(pair => $"{pair.Key}={pair.Value}"))
                : string.Empty;
            entries.Enqueue(new CapturedLog(logLevel, category, message, $"{logLevel} {category}: {message} [{values}] {exception}"));
        }
    }
}

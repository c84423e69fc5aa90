using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Agentic.WorkerDefaults.Tests.Telemetry;

/// <summary>Keeps each log line with the scope values in effect when it was written.</summary>
public sealed class ScopedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<ScopedLogLine> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<ScopedLogLine> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(ScopedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, object?>();
            owner._scopes.ForEachScope(
                (scope, into) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var pair in pairs)
                        {
                            into[pair.Key] = pair.Value;
                        }
                    }
                },
                values);
            owner._lines.Enqueue(new ScopedLogLine(category, logLevel, formatter(state, exception), values));
        }
    }
}

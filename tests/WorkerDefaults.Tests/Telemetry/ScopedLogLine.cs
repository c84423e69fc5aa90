using Microsoft.Extensions.Logging;

namespace Agentic.WorkerDefaults.Tests.Telemetry;

public sealed record ScopedLogLine(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Scope);

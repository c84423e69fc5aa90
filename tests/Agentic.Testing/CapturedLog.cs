using Microsoft.Extensions.Logging;

namespace Agentic.Testing;

/// <summary>One captured entry; <see cref="Text"/> holds all of it, structured values and exception included.</summary>
public sealed record CapturedLog(LogLevel Level, string Category, string Message, string Text);

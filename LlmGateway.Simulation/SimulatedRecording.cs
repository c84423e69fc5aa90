using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Agentic.LlmGateway.Simulation;

/// <summary>
/// One line of a recorded-answers file: for <see cref="Model"/> ("*" for any), a request whose conversation text
/// matches (exactly, by substring, by regular expression or by SHA-256) gets this answer after this latency.
/// </summary>
internal sealed class SimulatedRecording
{
    public const string AnyModel = "*";

    public required string Model { get; init; }

    /// <summary>1-based line in the file, for messages.</summary>
    public required int Line { get; init; }

    public string? Exact { get; init; }

    public string? Contains { get; init; }

    public Regex? Pattern { get; init; }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 conversation text.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The assistant's text (from "content", or a recorded response's choices[0].message.content).</summary>
    public string? Content { get; init; }

    /// <summary>A whole recorded response body ("response"), sent as is to non-streaming requests.</summary>
    public byte[]? Body { get; init; }

    /// <summary>Time before the answer; null means the configured latency.</summary>
    public TimeSpan? Latency { get; init; }

    public bool Matches(string text) =>
        (Exact is null || string.Equals(Exact, text, StringComparison.Ordinal))
        && (Contains is null || text.Contains(Contains, StringComparison.Ordinal))
        && (Pattern is null || Pattern.IsMatch(text))
        && (Sha256 is null || string.Equals(Sha256, Hash(text), StringComparison.Ordinal));

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

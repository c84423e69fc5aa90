namespace Agentic.LlmGateway.RateLimiting;

/// <summary>Counts prompt tokens before the call so the limiter can reserve them.</summary>
public interface ITokenEstimator
{
    /// <summary>
    /// Tokens in <paramref name="texts"/> (message contents or embedding inputs) for <paramref name="model"/>'s
    /// tokenizer. Message framing is not counted; settlement corrects the difference.
    /// </summary>
    int EstimatePromptTokens(string model, IEnumerable<string> texts);
}
